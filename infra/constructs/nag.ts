import { Stack, Validations } from 'aws-cdk-lib';
import type { Policy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag names each wildcard-resource finding after the resource, flattened the way it
 * prints it (`<Logical.Attr>` for Fn::GetAtt, `<AWS::Region>` for Ref, Fn::Join joined).
 * Acknowledging one finding (never the whole rule) needs that exact name.
 */
export const flattenForNag = (value: unknown): string => {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    const join = node['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(flattenForNag).join(join[0]);
    }
    if ('Fn::Sub' in node) return flattenForNag(node['Fn::Sub']);
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flattenForNag(getAtt[0])}.${flattenForNag(getAtt[1])}>`;
    if ('Fn::ImportValue' in node) return flattenForNag(node['Fn::ImportValue']);
    if ('Ref' in node) return `<${flattenForNag(node.Ref)}>`;
  }
  return JSON.stringify(value);
};

/** Acknowledges the IAM5 finding for one wildcard resource (e.g. the objects of one bucket). */
export const acknowledgeWildcardResource = (scope: IConstruct, resource: string, reason: string): void => {
  const name = flattenForNag(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${name}]`, reason });
};

/**
 * Acknowledges every `arn:…:s3:::<bucket>/*` resource in a policy: object-level grants on one
 * named bucket. Any other wildcard stays a finding.
 */
export const acknowledgeBucketObjectWildcards = (policy: Policy, reason: string): void => {
  const document = Stack.of(policy).resolve(policy.document.toJSON()) as {
    Statement?: { Resource?: unknown }[];
  };
  for (const statement of document.Statement ?? []) {
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    for (const resource of resources) {
      const name = flattenForNag(resource);
      if (/:s3:::[^*/]+\/\*$/.test(name) || /^<[A-Za-z0-9]+\.Arn>\/\*$/.test(name)) {
        Validations.of(policy).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${name}]`,
          reason,
        });
      }
    }
  }
};
