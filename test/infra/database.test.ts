import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DB_APP_USER, PROXY_POOL, clusterIdentifierFor } from '../../infra/constructs/database';
import { type Synthesized, functionResource, idsOfType, logicalIdOf, resourcesOf, statementsOf, synth } from './support';

const profiles = [
  { profile: 'lean', min: 0, max: 4, autoPause: 600, deletionProtection: false, backupDays: 1, instances: 1, policy: 'Delete', secretPolicy: 'Delete' },
  { profile: 'production', min: 0.5, max: 16, autoPause: undefined, deletionProtection: true, backupDays: 14, instances: 2, policy: 'Snapshot', secretPolicy: 'Retain' },
];

const cluster = ({ template }: Synthesized): Record<string, any> =>
  resourcesOf(template)[logicalIdOf(template, 'AWS::RDS::DBCluster', 'DatabaseCluster')]!;

describe.each(profiles)('database ($profile)', ({ profile, min, max, autoPause, deletionProtection, backupDays, instances, policy, secretPolicy }) => {
  it('runs Aurora PostgreSQL Serverless v2 in the profile ACU range', () => {
    // Act
    const synthesized = synth({ profile });
    const props = cluster(synthesized).Properties;

    // Assess
    expect(props.Engine).toBe('aurora-postgresql');
    expect(props.ServerlessV2ScalingConfiguration).toEqual({
      MinCapacity: min,
      MaxCapacity: max,
      ...(autoPause !== undefined && { SecondsUntilAutoPause: autoPause }),
    });
    expect(props.StorageEncrypted).toBe(true);
    expect(props.EnableIAMDatabaseAuthentication).toBe(true);
    expect(props.DatabaseName).toBe('pulp');
    synthesized.template.resourceCountIs('AWS::RDS::DBInstance', instances);
    synthesized.template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless' });
  });

  it('protects data as the profile requires, and keeps the master secret with the snapshot', () => {
    // Prepare
    const synthesized = synth({ profile });
    const secretId = logicalIdOf(synthesized.template, 'AWS::SecretsManager::Secret', 'PulpDatabaseClusterSecret');

    // Act
    const resource = cluster(synthesized);

    // Assess
    expect(resource.Properties.DeletionProtection ?? false).toBe(deletionProtection);
    expect(resource.Properties.BackupRetentionPeriod).toBe(backupDays);
    expect(resource.DeletionPolicy).toBe(policy);
    expect(resourcesOf(synthesized.template)[secretId]!.DeletionPolicy).toBe(secretPolicy);
  });

  it('writes Postgres logs to a log group of its own that expires and goes with the stack', () => {
    // Prepare
    const synthesized = synth({ profile });
    const logsId = logicalIdOf(synthesized.template, 'AWS::Logs::LogGroup', 'DatabasePostgresLogs');
    const logs = resourcesOf(synthesized.template)[logsId]!;

    // Act
    const resource = cluster(synthesized);

    // Assess
    expect(resource.Properties.DBClusterIdentifier).toBe('pulp-aurora');
    expect(logs.Properties!.LogGroupName).toBe('/aws/rds/cluster/pulp-aurora/postgresql');
    expect(logs.Properties!.RetentionInDays).toBe(profile === 'production' ? 90 : 14);
    expect(logs.DeletionPolicy).toBe(profile === 'production' ? 'Retain' : 'Delete');
    // RDS would create the group itself, without retention, if it exported logs first.
    expect(resource.DependsOn).toContain(logsId);
  });
});

describe('database identifiers', () => {
  it.each([
    { stack: 'ServerlessPulp', id: 'serverlesspulp-aurora' },
    { stack: 'My--Pulp_2', id: 'my-pulp-2-aurora' },
    { stack: 'P'.repeat(70), id: `${'p'.repeat(63)}` },
  ])('derives a valid cluster identifier from stack $stack', ({ stack, id }) => {
    // Act / Assess
    expect(clusterIdentifierFor(stack)).toBe(id);
  });
});

describe('master secret rotation', () => {
  it('rotates monthly in production, never right after create', () => {
    // Act
    const { template } = synth({ profile: 'production' });

    // Assess
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotateImmediatelyOnUpdate: false,
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  it('gives the rotation function a log group with retention, under the name the application uses', () => {
    // Prepare
    const { template } = synth({ profile: 'production' });
    const appId = logicalIdOf(template, 'AWS::Serverless::Application', 'DatabaseClusterRotationSingleUser');
    const app = resourcesOf(template)[appId]!;
    const logsId = logicalIdOf(template, 'AWS::Logs::LogGroup', 'DatabaseRotationLogs');

    // Act
    const logs = resourcesOf(template)[logsId]!;

    // Assess
    expect(logs.Properties!.LogGroupName).toBe(`/aws/lambda/${app.Properties!.Parameters.functionName}`);
    expect(logs.Properties!.RetentionInDays).toBe(90);
    expect(app.DependsOn).toContain(logsId);
  });

  it('does not rotate in lean (no route from the VPC to Secrets Manager)', () => {
    // Act
    const { template } = synth({ profile: 'lean' });

    // Assess
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    template.resourceCountIs('AWS::Serverless::Application', 0);
  });
});

describe('RDS Proxy', () => {
  it('is absent in lean', () => {
    // Act
    const { template } = synth({ profile: 'lean' });

    // Assess
    template.resourceCountIs('AWS::RDS::DBProxy', 0);
  });

  it('has a stack-unique name, requires TLS and authenticates end to end with IAM (no secret)', () => {
    // Prepare
    const { template } = synth({ profile: 'production' });

    // Act
    const proxy = resourcesOf(template)[logicalIdOf(template, 'AWS::RDS::DBProxy', 'DatabaseClusterProxy')]!.Properties!;

    // Assess
    expect(proxy.DBProxyName).toMatch(/^PulpDatabaseClusterProxy/);
    expect(proxy).toMatchObject({ EngineFamily: 'POSTGRESQL', RequireTLS: true, DefaultAuthScheme: 'IAM_AUTH' });
    expect(proxy.Auth).toBeUndefined();
  });

  it('keeps its pool explicit, with a borrow timeout well inside the API 29 s', () => {
    // Act
    const { template } = synth({ profile: 'production' });

    // Assess
    template.hasResourceProperties('AWS::RDS::DBProxyTargetGroup', {
      ConnectionPoolConfigurationInfo: {
        MaxConnectionsPercent: PROXY_POOL.maxConnectionsPercent,
        MaxIdleConnectionsPercent: PROXY_POOL.maxIdleConnectionsPercent,
        ConnectionBorrowTimeout: PROXY_POOL.borrowTimeoutSeconds,
      },
    });
    expect(PROXY_POOL.borrowTimeoutSeconds).toBeLessThan(29);
  });

  it('may connect to the cluster as the app role only', () => {
    // Prepare
    const { template } = synth({ profile: 'production' });
    const clusterId = logicalIdOf(template, 'AWS::RDS::DBCluster', 'DatabaseCluster');
    const roleId = logicalIdOf(template, 'AWS::IAM::Role', 'DatabaseProxyRole');

    // Act / Assess
    template.hasResourceProperties('AWS::RDS::DBProxy', { RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'rds-db:connect',
            Effect: 'Allow',
            Resource: Match.objectLike({
              'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [clusterId, 'DBClusterResourceId'] }, `/${DB_APP_USER}`])],
            }),
          },
        ],
      },
    });
  });
});

const DB_CLIENTS = ['Api', 'Worker', 'Sweeper'];

describe.each(profiles)('database access from functions ($profile)', ({ profile }) => {
  it('keeps the content function out of the VPC and away from Postgres: it reads the delivery index', () => {
    // Act
    const content = functionResource(synth({ profile }).template, 'Content');

    // Assess
    expect(content.VpcConfig).toBeUndefined();
    expect(Object.keys(content.Environment.Variables)).not.toEqual(expect.arrayContaining(['DB_HOST']));
    expect(content.Environment.Variables.DELIVERY_TABLE).toBeDefined();
  });

  it.each(DB_CLIENTS)('%s runs in the function subnets of the VPC', (name) => {
    // Act
    const vpcConfig = functionResource(synth({ profile }).template, name).VpcConfig;

    // Assess
    expect(vpcConfig.SubnetIds).toHaveLength(2);
    for (const subnet of vpcConfig.SubnetIds) expect(subnet.Ref).toMatch(/^NetworkVpcprivateSubnet/);
    expect(vpcConfig.SecurityGroupIds).toHaveLength(1);
  });

  it.each(DB_CLIENTS)('%s connects as the app role with an IAM token, never a secret', (name) => {
    // Prepare
    const { template } = synth({ profile });
    const target =
      profile === 'production'
        ? { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::RDS::DBProxy', 'DatabaseClusterProxy'), 'Endpoint'] }
        : { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::RDS::DBCluster', 'DatabaseCluster'), 'Endpoint.Address'] };

    // Act
    const env = functionResource(template, name).Environment.Variables;
    const connects = statementsOf(template, name).filter((s) => s.Action === 'rds-db:connect');

    // Assess
    expect(env).toMatchObject({ DB_PORT: '5432', DB_NAME: 'pulp', DB_USER: DB_APP_USER, DB_IAM_AUTH: '1' });
    expect(env.DB_HOST).toEqual(target);
    expect(env.DB_SECRET_ARN).toBeUndefined();
    // Lean verifies the cluster's RDS certificate, which Node loads only from this bundle.
    expect(env.NODE_EXTRA_CA_CERTS).toBe(profile === 'lean' ? '/var/runtime/ca-cert.pem' : undefined);
    expect(connects).toHaveLength(1);
    expect(JSON.stringify(connects[0]!.Resource)).toContain(`/${DB_APP_USER}"`);
    expect(JSON.stringify(connects[0]!.Resource)).toContain(profile === 'production' ? 'DatabaseClusterProxy' : 'DBClusterResourceId');
  });

  it('admits to the cluster only what must reach it directly', () => {
    // Prepare
    const { template } = synth({ profile });
    const clusterSg = logicalIdOf(template, 'AWS::EC2::SecurityGroup', 'DatabaseClusterSecurityGroup');

    // Act
    const sources = idsOfType(template, 'AWS::EC2::SecurityGroupIngress')
      .map((id) => resourcesOf(template)[id]!.Properties!)
      .filter((p) => p.GroupId['Fn::GetAtt'][0] === clusterSg)
      .map((p) => (p.SourceSecurityGroupId['Fn::GetAtt'][0] as string).replace(/[0-9A-F]{8}$/, ''))
      .sort();

    // Assess
    expect(sources).toEqual(
      profile === 'production'
        ? ['DatabaseClusterProxyProxySecurityGroup', 'DatabaseClusterRotationSingleUserSecurityGroup', 'MigrationsFunctionSecurityGroup']
        : ['MigrationsFunctionSecurityGroup', 'NetworkFunctionSecurityGroup'],
    );
  });
});
