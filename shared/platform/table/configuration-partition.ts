/**
 * The partition of the desk's configuration: queues and their count shards, the SLA policies
 * and calendars, the demo-seed marker. Small and read together, so one partition.
 */
export const CONFIGURATION_PARTITION = 'CONFIG';
