import { Aws, type CfnResource, Duration, Names } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { type FunctionDefaults, type VpcPlacement, createPulpFunction } from './pulp-function';
import { RateLimitAcl } from './rate-limit-acl';

export interface ContentProps extends FunctionDefaults {
  /** In the VPC while the content function still reads Postgres; without, it runs outside. */
  readonly placement?: VpcPlacement;
  readonly memoryMb: number;
  /** Reserved concurrency: cache misses beyond it are throttled instead of reaching the backends. */
  readonly maxConcurrency: number;
  readonly bucket: s3.IBucket;
  readonly logsBucket: s3.IBucket;
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** Opt-in WAF rate rule (requests per 5 minutes per IP). */
  readonly wafRateLimit?: number;
  /** When set, /artifacts/* serves only URLs signed by one of its keys (checked at the edge). */
  readonly artifactKeyGroup?: cloudfront.IKeyGroup;
}

const ONE_YEAR = Duration.days(365);
/** Room kept for "-<region>"; CloudFront names are global to the account, so they carry it. */
const REGION_SUFFIX_LENGTH = 16;

/**
 * Names a CloudFront resource uniquely for this stack and region (CDK leaves the region out
 * of some): `property` is the path of the name in its CloudFormation properties.
 */
const nameWithRegion = <T extends Construct>(resource: T, property: string, maxLength: number): T => {
  const name = `${Names.uniqueResourceName(resource, { maxLength: maxLength - REGION_SUFFIX_LENGTH })}-${Aws.REGION}`;
  (resource.node.defaultChild as CfnResource).addPropertyOverride(property, name);
  return resource;
};

/**
 * The content app: CloudFront in front of the content Lambda (resolution, listings,
 * on-demand fetch, redirects) and of the bucket's immutable artifacts.
 */
export class Content extends Construct {
  readonly fn: lambda.Function;
  readonly distribution: cloudfront.Distribution;
  /** https://<custom domain or CloudFront domain>, what api and worker put in URLs. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: ContentProps) {
    super(scope, id);
    this.fn = createPulpFunction(this, {
      ...props,
      ...props.placement,
      name: 'content',
      description: 'Pulp content app (/pulp/content/)',
      // Matches the origin read timeout below: an on-demand fetch must finish or redirect.
      timeout: Duration.seconds(60),
      // No CONTENT_ORIGIN here: CloudFront depends on this function, so the handler
      // derives its origin from X-Forwarded-Host, set by the viewer-request function.
      environment: { ARTIFACT_URL_MODE: 'cloudfront' },
      reservedConcurrency: props.maxConcurrency,
    });
    const functionUrl = this.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    const functionOac = nameWithRegion(
      new cloudfront.FunctionUrlOriginAccessControl(this, 'FunctionUrlAccess', {}),
      'OriginAccessControlConfig.Name',
      64,
    );
    const contentOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(functionUrl, {
      readTimeout: Duration.seconds(60),
      originAccessControl: functionOac,
    });
    const contentBehavior: cloudfront.BehaviorOptions = {
      origin: contentOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // PUT/POST through OAC would need a signed payload hash; uploads go to the API instead.
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
      cachePolicy: new cloudfront.CachePolicy(this, 'ContentCachePolicy', {
        comment: 'Pulp content: the handler decides with Cache-Control; nothing cached without it',
        minTtl: Duration.seconds(0),
        defaultTtl: Duration.seconds(0),
        maxTtl: ONE_YEAR,
        // The handler reads no query string: keying on them would let `?x=<random>` bypass the cache.
        queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
        headerBehavior: cloudfront.CacheHeaderBehavior.none(),
        cookieBehavior: cloudfront.CacheCookieBehavior.none(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      }),
      // Never the viewer's Host (the Function URL only answers to its own), nor Authorization
      // (OAC signs with it): the viewer function hands it over as X-Pulp-Authorization. Every
      // other header reaches the function, for header content guards.
      originRequestPolicy: nameWithRegion(new cloudfront.OriginRequestPolicy(this, 'ContentOriginRequestPolicy', {
        comment: 'Pulp content: viewer headers but Host and Authorization; the viewer host as X-Forwarded-Host',
        headerBehavior: cloudfront.OriginRequestHeaderBehavior.denyList('host', 'authorization'),
        queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
        cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
      }), 'OriginRequestPolicyConfig.Name', 128),
      functionAssociations: [
        {
          eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
          function: new cloudfront.Function(this, 'ForwardHost', {
            comment: 'Copy the viewer Host and Authorization into X-Forwarded-Host / X-Pulp-Authorization for the content Lambda',
            runtime: cloudfront.FunctionRuntime.JS_2_0,
            code: cloudfront.FunctionCode.fromInline(
              'function handler(event) { var r = event.request; r.headers["x-forwarded-host"] = { value: r.headers.host.value }; delete r.headers["x-pulp-authorization"]; if (r.headers.authorization) { r.headers["x-pulp-authorization"] = { value: r.headers.authorization.value }; } return r; }',
            ),
          }),
        },
      ],
    };

    const artifactBehavior: cloudfront.BehaviorOptions = {
      origin: origins.S3BucketOrigin.withOriginAccessControl(props.bucket, {
        originAccessLevels: [cloudfront.AccessLevel.READ],
        originAccessControl: nameWithRegion(
          new cloudfront.S3OriginAccessControl(this, 'BucketAccess', {}),
          'OriginAccessControlConfig.Name',
          64,
        ),
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      // Signatures are checked before the cache; the cache key below leaves the query out, so
      // every signed URL of an artifact shares one cached copy.
      ...(props.artifactKeyGroup ? { trustedKeyGroups: [props.artifactKeyGroup] } : {}),
      // Keys are sha256 digests: an artifact never changes, so cache it for a year everywhere.
      cachePolicy: new cloudfront.CachePolicy(this, 'ArtifactCachePolicy', {
        comment: 'Pulp artifacts: immutable, keyed by sha256',
        minTtl: ONE_YEAR,
        defaultTtl: ONE_YEAR,
        maxTtl: ONE_YEAR,
        queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
        headerBehavior: cloudfront.CacheHeaderBehavior.none(),
        cookieBehavior: cloudfront.CacheCookieBehavior.none(),
        enableAcceptEncodingGzip: false,
        enableAcceptEncodingBrotli: false,
      }),
      responseHeadersPolicy: nameWithRegion(new cloudfront.ResponseHeadersPolicy(this, 'ArtifactHeaders', {
        comment: 'Pulp artifacts: tell browsers and proxies they never change',
        customHeadersBehavior: {
          customHeaders: [
            { header: 'Cache-Control', value: 'public, max-age=31536000, immutable', override: true },
          ],
        },
      }), 'ResponseHeadersPolicyConfig.Name', 128),
    };

    const customDomain = props.domainName !== undefined && props.certificateArn !== undefined;
    const firewall =
      props.wafRateLimit !== undefined ? new RateLimitAcl(this, 'Firewall', { limit: props.wafRateLimit }) : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Pulp content',
      defaultBehavior: contentBehavior,
      additionalBehaviors: {
        '/pulp/content/*': contentBehavior,
        '/artifacts/*': artifactBehavior,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
      ...(firewall && { webAclId: firewall.acl.attrArn }),
      ...(customDomain && {
        domainNames: [props.domainName!],
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn!),
      }),
    });

    this.origin = `https://${customDomain ? props.domainName : this.distribution.domainName}`;

    acknowledge(this.distribution, 'CFR1', 'Package mirrors serve clients worldwide; no geography is excluded.');
    if (!firewall) {
      acknowledge(
        this.distribution,
        'CFR2',
        'Content is read-only GET/HEAD of packages with reserved concurrency behind it; the WAF rate rule is opt-in (wafRateLimit).',
      );
    }
    if (!customDomain) {
      acknowledge(
        this.distribution,
        'CFR4',
        'Without a custom domain CloudFront serves its default certificate, whose TLS policy cannot be set; TLS_V1_2_2021 applies once domainName/certificateArn are given.',
      );
    }
  }
}
