/** The DynamoDB Local this test file leased (test/support/dynamo-lease.ts runs before every file). */
export const testDynamoEndpoint = (): string => {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('No DynamoDB Local leased: is test/support/dynamo-lease.ts a setup file?');
  return endpoint;
};
