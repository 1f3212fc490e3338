import { CfnResource, type Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type LogGroupOptions, createLogGroup } from './log-group';

/**
 * CDK's own custom-resource handlers (the trigger provider, the default security group
 * restriction) are plain `AWS::Lambda::Function` resources that log to a group Lambda creates
 * on first run: it never expires and outlives the stack. Point each at a log group of ours.
 */
export const giveProviderFunctionsLogGroups = (stack: Stack, options: LogGroupOptions): void => {
  const providers = stack.node
    .findAll()
    .filter(
      (c): c is CfnResource =>
        c instanceof CfnResource && c.cfnResourceType === 'AWS::Lambda::Function' && !(c instanceof lambda.CfnFunction),
    );
  for (const handler of providers) {
    const logGroup = createLogGroup(handler.node.scope!, `${handler.node.id}Logs`, { ...options, logGroupName: undefined });
    handler.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
  }
};
