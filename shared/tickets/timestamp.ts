import * as z from 'zod';

export const Timestamp = /* @__PURE__ */ z.iso.datetime().meta({ description: 'ISO-8601 UTC timestamp' });
