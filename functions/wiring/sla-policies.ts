import { api } from './api.js';
import { slaAdapters } from './tables.js';

/** The SLA policy routes: the policies in the table and the container's cache (./tables.ts). */
export const slaPolicyDeps = slaAdapters(api).policies;
