import type { MailLanguage } from '../locale.js';
import type { Catalog } from './catalog.js';
import { de } from './de.js';
import { en } from './en.js';
import { et } from './et.js';
import { pl } from './pl.js';

/** Every language's templates; the type makes a missing kind in any language a compile error. */
export const catalogs: Record<MailLanguage, Catalog> = { en, de, pl, et };

export type { Block, Catalog, MailContent } from './catalog.js';
