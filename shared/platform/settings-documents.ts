/** An admin-edited document of the desk, versioned and audited (categories, …). */
export interface StoredDocument {
  value: unknown;
  /** 0 while never saved: the built-in default applies. */
  version: number;
}

export interface DocumentChange {
  name: string;
  value: unknown;
  previous: unknown;
  expectedVersion: number;
  /** Who saved it, as the history shows people. */
  actor: { id: string; name: string; role: string };
  at: string;
}

export interface SettingsDocuments {
  load(name: string): Promise<StoredDocument>;
  /** Stores version `expectedVersion + 1` with its audit record, atomically; PreconditionFailed when the version moved. */
  save(change: DocumentChange): Promise<number>;
}
