import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface DeliveryIndexProps {
  readonly production: boolean;
}

export type IndexAccess = 'RO' | 'Fetch' | 'RW';

/**
 * Item actions per access mode: content resolves paths and records what it fetched on demand
 * (puts only: it never deletes or rewrites what the workers wrote), api, worker and sweeper keep
 * the index current.
 */
export const INDEX_ACTIONS: Record<IndexAccess, string[]> = {
  RO: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  Fetch: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem'],
  RW: [
    'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query',
    'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/**
 * The content delivery index: what the content function reads instead of Postgres (base
 * path -> distribution -> publication -> file). On demand, so it costs nothing idle.
 */
export class DeliveryIndex extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: DeliveryIndexProps) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.production },
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    if (!props.production) {
      acknowledge(
        this.table,
        'DDB3',
        'Lean: the index is derived from Postgres and rebuilt from it, so point-in-time recovery would only cost.',
      );
    }
  }

  /** Sets DELIVERY_TABLE and grants exactly the item actions of the access mode, on this table only. */
  bindIndex(fn: lambda.Function, access: IndexAccess): void {
    fn.addEnvironment('DELIVERY_TABLE', this.table.tableName);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: INDEX_ACTIONS[access], resources: [this.table.tableArn] }));
  }
}
