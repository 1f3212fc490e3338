import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { createLogGroup } from './log-group';

/** Interface endpoints a profile may need; each costs $0.01 per AZ-hour. */
export type InterfaceEndpointName = 'sqs' | 'secretsManager' | 'kms';

const INTERFACE_SERVICES: Record<InterfaceEndpointName, ec2.InterfaceVpcEndpointAwsService> = {
  sqs: ec2.InterfaceVpcEndpointAwsService.SQS,
  secretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  kms: ec2.InterfaceVpcEndpointAwsService.KMS,
};

export interface NetworkProps {
  readonly natGateways: number;
  /** AZs that get an ENI of each interface endpoint; any subnet of the VPC reaches them. */
  readonly endpointAzs: number;
  readonly interfaceEndpoints: readonly InterfaceEndpointName[];
  readonly logRetentionDays: number;
  readonly production: boolean;
}

/** Subnet group of the functions; with NAT it routes to the internet, without it is isolated. */
export const FUNCTION_SUBNETS: ec2.SubnetSelection = { subnetGroupName: 'private' };
/** Subnet group of Aurora: never a route out. */
export const DATA_SUBNETS: ec2.SubnetSelection = { subnetGroupName: 'data' };

/**
 * VPC for the database and the functions that use it. With NAT gateways, public subnets hold
 * them and the function subnets route to the internet; without, the VPC has no internet
 * gateway at all. Free gateway endpoints carry S3 and DynamoDB traffic either way.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Security group of every function that talks to the database. */
  readonly functionSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const egress = props.natGateways > 0;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      // Aurora's subnet group needs two AZs even when one instance runs.
      maxAzs: 2,
      natGateways: props.natGateways,
      subnetConfiguration: [
        ...(egress ? [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }] : []),
        {
          name: 'private',
          subnetType: egress ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 20,
        },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    // Rejected traffic is what explains a hanging connection; accepted traffic is noise.
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(createLogGroup(this, 'FlowLogs', props)),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });

    // Artifacts (the bulk of the bytes) and the delivery index cost nothing to reach.
    this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [FUNCTION_SUBNETS],
    });
    this.vpc.addGatewayEndpoint('DynamoDbEndpoint', {
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: [FUNCTION_SUBNETS],
    });

    const endpointSubnets = this.vpc.selectSubnets(FUNCTION_SUBNETS).subnets.slice(0, props.endpointAzs);
    for (const name of props.interfaceEndpoints) {
      const endpoint = this.vpc.addInterfaceEndpoint(`${name.charAt(0).toUpperCase()}${name.slice(1)}Endpoint`, {
        service: INTERFACE_SERVICES[name],
        subnets: { subnets: endpointSubnets },
      });
      acknowledge(
        endpoint,
        'EC23',
        'The endpoint admits HTTPS from this VPC CIDR only; cdk-nag cannot resolve the CIDR token, so it cannot tell.',
      );
    }

    this.functionSecurityGroup = new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: this.vpc,
      description: 'Pulp functions: reach the database, the VPC endpoints and, with NAT, upstreams',
      allowAllOutbound: true,
    });
  }
}
