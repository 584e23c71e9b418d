import { type AddToPrincipalPolicyResult, type PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';

/**
 * CDK's own grants (used inside constructs we do not write, such as BucketDeployment) speak
 * in wildcards like `s3:GetObject*` or `s3:List*`. This role keeps their resources but
 * replaces each wildcard with the one action it stands for here, so no statement of the
 * app allows a wildcard action. A wildcard it does not know stops the synth.
 */
const explicitActions: Record<string, string[]> = {
  's3:GetObject*': ['s3:GetObject'],
  's3:GetBucket*': ['s3:GetBucketLocation'],
  's3:List*': ['s3:ListBucket'],
  's3:DeleteObject*': ['s3:DeleteObject'],
  's3:PutObject*': ['s3:PutObject'],
  's3:Abort*': ['s3:AbortMultipartUpload'],
};

const narrow = (action: string): string[] => {
  if (!action.includes('*')) return [action];
  const replacement = explicitActions[action];
  if (!replacement) throw new Error(`No explicit replacement for the wildcard action ${action}`);
  return replacement;
};

export class ExplicitActionsRole extends Role {
  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    const actions = [...new Set(statement.actions.flatMap(narrow))];
    return super.addToPrincipalPolicy(statement.copy({ actions }));
  }
}
