import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One document client per container, configured for the table's item shapes. */
export const createDocumentClient = (config: DynamoDBClientConfig = {}): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });

/** The document client for the table settings: DynamoDB Local's endpoint when one is set. */
export const tableClient = (
  table: { dynamoEndpoint: string | null },
  config: DynamoDBClientConfig = {},
): DynamoDBDocumentClient =>
  createDocumentClient({ ...config, ...(table.dynamoEndpoint ? { endpoint: table.dynamoEndpoint } : {}) });
