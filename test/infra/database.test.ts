import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, functionResource, logicalIdOf, synth } from './support';

const modes = [
  { name: 'development', context: { minAcu: 0.5, maxAcu: 2 }, min: 0.5, max: 2, deletionProtection: false, backupDays: 1, instances: 1 },
  { name: 'production', context: { production: 'true' }, min: 0.5, max: 16, deletionProtection: true, backupDays: 14, instances: 2 },
];

describe.each(modes)('database ($name)', ({ context, min, max, deletionProtection, backupDays, instances }) => {
  let synthesized: Synthesized;
  let cluster: Record<string, any>;

  beforeAll(() => {
    // Prepare
    synthesized = synth(context);
    const [resource] = Object.values(synthesized.template.findResources('AWS::RDS::DBCluster'));
    cluster = resource!;
  });

  it('runs Aurora PostgreSQL Serverless v2 in the configured ACU range', () => {
    // Act
    const props = cluster.Properties;

    // Assess
    expect(props.Engine).toBe('aurora-postgresql');
    expect(props.ServerlessV2ScalingConfiguration).toEqual({ MinCapacity: min, MaxCapacity: max });
    expect(props.StorageEncrypted).toBe(true);
    expect(props.EnableIAMDatabaseAuthentication).toBe(true);
    expect(props.DatabaseName).toBe('pulp');
    synthesized.template.resourceCountIs('AWS::RDS::DBInstance', instances);
    synthesized.template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless' });
  });

  it('protects data as the mode requires', () => {
    // Act
    const props = cluster.Properties;

    // Assess
    expect(props.DeletionProtection ?? false).toBe(deletionProtection);
    expect(props.BackupRetentionPeriod).toBe(backupDays);
    expect(cluster.DeletionPolicy).toBe(deletionProtection ? 'Snapshot' : 'Delete');
  });

  it('keeps credentials in a rotated Secrets Manager secret', () => {
    // Act / Assess
    expect(JSON.stringify(cluster.Properties.MasterUserPassword)).toContain('{{resolve:secretsmanager:');
    synthesized.template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  it('fronts the cluster with an RDS proxy that requires IAM auth and TLS', () => {
    // Act / Assess
    synthesized.template.hasResourceProperties('AWS::RDS::DBProxy', {
      EngineFamily: 'POSTGRESQL',
      RequireTLS: true,
      Auth: [Match.objectLike({ AuthScheme: 'SECRETS', IAMAuth: 'REQUIRED' })],
    });
  });
});

describe('database access from functions', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synth();
  });

  it.each(['Api', 'Content', 'Worker', 'Sweeper', 'Migrations'])('%s runs in the private subnets of the VPC', (name) => {
    // Act
    const vpcConfig = functionResource(synthesized.template, name).VpcConfig;

    // Assess
    expect(vpcConfig.SubnetIds).toHaveLength(2);
    for (const subnet of vpcConfig.SubnetIds) expect(subnet.Ref).toMatch(/^NetworkVpcprivateSubnet/);
    expect(vpcConfig.SecurityGroupIds).toHaveLength(1);
  });

  it.each(['Api', 'Content', 'Worker', 'Sweeper'])('%s reaches the proxy with an IAM token', (name) => {
    // Prepare
    const proxyId = logicalIdOf(synthesized.template, 'AWS::RDS::DBProxy', 'DatabaseClusterProxy');
    const roleId = logicalIdOf(synthesized.template, 'AWS::IAM::Role', `${name}FunctionServiceRole`);

    // Act
    const env = functionResource(synthesized.template, name).Environment.Variables;

    // Assess
    expect(env).toMatchObject({ DB_PORT: '5432', DB_NAME: 'pulp', DB_USER: 'pulp', DB_IAM_AUTH: '1' });
    expect(env.DB_HOST).toEqual({ 'Fn::GetAtt': [proxyId, 'Endpoint'] });
    expect(env.DB_SECRET_ARN).toBeUndefined();
    synthesized.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'rds-db:connect', Effect: 'Allow' })]),
      },
    });
  });

  it('admits the shared function security group to the proxy on 5432 only', () => {
    // Prepare
    const proxySg = logicalIdOf(synthesized.template, 'AWS::EC2::SecurityGroup', 'DatabaseClusterProxyProxySecurityGroup');
    const functionSg = logicalIdOf(synthesized.template, 'AWS::EC2::SecurityGroup', 'NetworkFunctionSecurityGroup');

    // Act / Assess
    synthesized.template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [proxySg, 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [functionSg, 'GroupId'] },
      FromPort: 5432,
      ToPort: 5432,
    });
  });

  it('admits to the cluster only the proxy, the rotation function and the migrator', () => {
    // Prepare
    const clusterSg = logicalIdOf(synthesized.template, 'AWS::EC2::SecurityGroup', 'DatabaseClusterSecurityGroup');

    // Act
    const sources = Object.values(synthesized.template.findResources('AWS::EC2::SecurityGroupIngress'))
      .filter((r) => r.Properties.GroupId['Fn::GetAtt'][0] === clusterSg)
      .map((r) => r.Properties.SourceSecurityGroupId['Fn::GetAtt'][0] as string)
      .sort();

    // Assess
    expect(sources).toHaveLength(3);
    expect(sources[0]).toMatch(/^DatabaseClusterProxyProxySecurityGroup/);
    expect(sources[1]).toMatch(/^DatabaseClusterRotationSingleUserSecurityGroup/);
    expect(sources[2]).toMatch(/^MigrationsFunctionSecurityGroup/);
  });
});
