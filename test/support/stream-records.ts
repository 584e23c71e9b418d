import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * The insert record the table's stream delivers for an item (NEW_AND_OLD_IMAGES), as Lambda's
 * event source mapping hands it over: keys and image in DynamoDB JSON, `sequence` its position.
 */
export const insertRecordOf = (item: Record<string, unknown>, sequence: string): DynamoDBRecord => ({
  eventID: `record-${sequence}`,
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: marshall({ pk: item.pk, sk: item.sk }) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
    NewImage: marshall(item, { removeUndefinedValues: true }) as NonNullable<
      DynamoDBRecord['dynamodb']
    >['NewImage'],
    SequenceNumber: sequence,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
});

/** The modify record the table's stream delivers when `before` became `after` (NEW_AND_OLD_IMAGES). */
export const modifyRecordOf = (
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  sequence: string,
): DynamoDBRecord => {
  const inserted = insertRecordOf(after, sequence);
  return {
    ...inserted,
    eventName: 'MODIFY',
    dynamodb: {
      ...inserted.dynamodb,
      OldImage: marshall(before, { removeUndefinedValues: true }) as NonNullable<
        DynamoDBRecord['dynamodb']
      >['OldImage'],
    },
  };
};
