import { CONFIGURATION_PARTITION } from './configuration-partition.js';
import { envelope, joinKey, type Key } from './key.js';

/**
 * Admin-edited documents of the desk (categories, …): `CONFIG` / `DOC#<name>` holds the current
 * value and its version; every saved version leaves `AUDIT#DOC#<name>` / `VERSION#<000042>`
 * (who, when, before → after), written in the same transaction.
 */
const DOC = 'DOC';
const AUDIT = 'AUDIT';
const VERSION = 'VERSION';
const DOCUMENT_ENTITY = 'settings-document';
const DOCUMENT_CHANGE_ENTITY = 'settings-document-change';

const documentKey = (name: string): Key => ({ pk: CONFIGURATION_PARTITION, sk: joinKey(DOC, name) });
const changeKey = (name: string, version: number): Key => ({
  pk: joinKey(AUDIT, DOC, name),
  sk: joinKey(VERSION, String(version).padStart(6, '0')),
});

export const settingsDocumentEntity = {
  name: DOCUMENT_ENTITY,
  key: documentKey,
  item: (name: string) => envelope(DOCUMENT_ENTITY, documentKey(name)),
};

export const settingsDocumentChangeEntity = {
  name: DOCUMENT_CHANGE_ENTITY,
  key: changeKey,
  item: (name: string, version: number) => envelope(DOCUMENT_CHANGE_ENTITY, changeKey(name, version)),
};
