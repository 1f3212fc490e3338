import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface NetworkProps {
  readonly natGateways: number;
  readonly logRetentionDays: number;
  readonly production: boolean;
}

/**
 * VPC for the database and the functions that use it: public subnets only hold the NAT
 * gateways (upstream fetches by content and worker), functions live in private subnets,
 * Aurora in isolated ones.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Security group of every function that talks to the database. */
  readonly functionSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    // Rejected traffic is what explains a hanging connection; accepted traffic is noise.
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });

    // S3 traffic (artifacts, the bulk of the bytes) skips NAT data charges for free.
    this.vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    // Every task message and every cold start's secret read would otherwise cross NAT.
    for (const [name, service] of [
      ['SqsEndpoint', ec2.InterfaceVpcEndpointAwsService.SQS],
      ['SecretsManagerEndpoint', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
    ] as const) {
      const endpoint = this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      });
      acknowledge(
        endpoint,
        'EC23',
        'The endpoint admits HTTPS from this VPC CIDR only; cdk-nag cannot resolve the CIDR token, so it cannot tell.',
      );
    }

    this.functionSecurityGroup = new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: this.vpc,
      description: 'Pulp functions: reach the RDS proxy, VPC endpoints and upstreams through NAT',
      allowAllOutbound: true,
    });
  }
}
