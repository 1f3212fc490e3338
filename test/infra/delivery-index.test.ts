import { describe, expect, it } from 'vitest';
import { INDEX_ACTIONS } from '../../infra/constructs/delivery-index';
import { actionsOf, functionResource, logicalIdOf, resourcesOf, statementsOf, synth } from './support';

describe.each([
  { profile: 'lean', pitr: false, policy: 'Delete' },
  { profile: 'production', pitr: true, policy: 'Retain' },
])('delivery index ($profile)', ({ profile, pitr, policy }) => {
  const table = (): { id: string; resource: Record<string, any> } => {
    const { template } = synth({ profile });
    const id = logicalIdOf(template, 'AWS::DynamoDB::GlobalTable', 'DeliveryIndexTable');
    return { id, resource: resourcesOf(template)[id]! };
  };

  it('keys items by pk and sk (strings), billed on demand', () => {
    // Act
    const props = table().resource.Properties;

    // Assess
    expect(props.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(props.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it(`${pitr ? 'keeps' : 'skips'} point-in-time recovery and ${policy === 'Retain' ? 'outlives' : 'goes with'} the stack`, () => {
    // Act
    const { resource } = table();

    // Assess
    expect(resource.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: pitr });
    expect(resource.DeletionPolicy).toBe(policy);
  });

  it.each([
    { who: 'Content', access: 'Fetch' as const },
    { who: 'Api', access: 'RW' as const },
    { who: 'Worker', access: 'RW' as const },
    { who: 'Sweeper', access: 'RW' as const },
  ])('lets $who use the index $access, on this table only, through DELIVERY_TABLE', ({ who, access }) => {
    // Prepare
    const { template } = synth({ profile });
    const { id } = table();

    // Act
    const statements = statementsOf(template, who).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));

    // Assess
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements[0]!).sort()).toEqual([...INDEX_ACTIONS[access]].sort());
    expect(statements[0]!.Resource).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(functionResource(template, who).Environment.Variables.DELIVERY_TABLE).toEqual({ Ref: id });
  });

  it.each(['Migrations', 'MigrationsLaunch'])('gives %s no access to the index', (who) => {
    // Act
    const actions = statementsOf(synth({ profile }).template, who).flatMap(actionsOf);

    // Assess
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('lets content read and add items but never delete, update or scan', () => {
    // Act / Assess
    expect(INDEX_ACTIONS.RO.some((a) => /Put|Update|Delete|Write|Scan/.test(a))).toBe(false);
    expect(INDEX_ACTIONS.Fetch.some((a) => /Update|Delete|Scan/.test(a))).toBe(false);
    expect(INDEX_ACTIONS.RW.some((a) => /Scan/.test(a))).toBe(false);
  });
});
