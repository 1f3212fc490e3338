import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag AwsSolutions rule on scope and its children. With findings, only
 * those findings (cdk-nag 3 ids `Rule[finding]`, the v2 appliesTo) are acknowledged.
 */
export const acknowledge = (scope: IConstruct, rule: string, reason: string, findings: string[] = []): void => {
  const ids = findings.length > 0 ? findings.map((f) => `AwsSolutions-${rule}[${f}]`) : [`AwsSolutions-${rule}`];
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
};

/** How cdk-nag names `resource.Arn` in a finding, e.g. `<BucketABC123.Arn>`. */
export const arnToken = (resource: IConstruct): string => {
  const element = resource.node.defaultChild as CfnElement;
  return `<${Stack.of(resource).getLogicalId(element)}.Arn>`;
};
