/**
 * Stream consumer entries (functions/stream/*) take the consumer runtime from here, as route
 * entries take theirs from ./api.ts: entries never import adapters themselves.
 */
export {
  batchStreamConsumer,
  type StreamHandler,
  streamConsumer,
} from '#platform/adapters/stream-consumer.js';
