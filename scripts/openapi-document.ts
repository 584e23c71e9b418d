import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openApiDocument } from '#functions/http/openapi-document.js';

/** Writes the generated OpenAPI document to the file named by the first argument (for `npm run lint:openapi`). */
const [target] = process.argv.slice(2);
if (!target) throw new Error('Usage: tsx scripts/openapi-document.ts <file.json>');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
