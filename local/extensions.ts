/**
 * Background parts of the local runtime beyond the API (the SLA engine's local scheduler
 * starts here). Returns the functions that stop them.
 */
export const startLocalExtensions = async (): Promise<(() => Promise<void>)[]> => [];
