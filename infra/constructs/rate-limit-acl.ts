import { Aws, CfnRule, Fn, Stack, Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface RateLimitAclProps {
  /** Requests one IP may make in 5 minutes before it is blocked for a while. */
  readonly limit: number;
}

/**
 * An opt-in WAF web ACL for the distribution: one rate rule per client IP, everything else
 * allowed. CloudFront ACLs live in us-east-1, so the stack must deploy there to use it.
 */
export class RateLimitAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: RateLimitAclProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== 'us-east-1') {
      throw new Error(`wafRateLimit needs the stack in us-east-1 (CloudFront web ACLs live there), not ${region}`);
    }
    // An environment-agnostic template says so at deploy time instead.
    new CfnRule(this, 'InUsEast1', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
          assertDescription: 'wafRateLimit needs the stack in us-east-1 (CloudFront web ACLs live there)',
        },
      ],
    });
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      description: 'Pulp content: rate limit per client IP',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('PulpContent'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility('PulpContentRateLimited'),
        },
      ],
    });
  }
}
