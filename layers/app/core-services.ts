import { ArtifactService } from '../core/artifacts/artifact-service';
import { ContentService } from '../core/content/content-service';
import { DistributionService } from '../core/distributions/distribution-service';
import { DownloadService } from '../core/download/download-service';
import type { FanOutDeps } from '../core/download/fan-out';
import { UrlDownloadService } from '../core/download/url-download-service';
import { OrphanService } from '../core/orphans/orphan-service';
import type { CoreData } from '../core/ports/core-data';
import type { DeliveryReader } from '../core/ports/delivery-reader';
import { PublicationService } from '../core/publications/publication-service';
import { RemoteService } from '../core/remotes/remote-service';
import { RepositoryService } from '../core/repositories/repository-service';
import { VersionService } from '../core/repositories/version-service';
import type { VersionRules } from '../core/repositories/version-rules';
import type { BlobStore } from '../core/storage/blob-store';
import { TaskScratch } from '../core/tasks/task-scratch';
import { UploadService } from '../core/uploads/upload-service';

/** The generic Pulp objects' services, as handlers and tasks use them. */
export interface CoreServices {
  artifacts: ArtifactService;
  uploads: UploadService;
  urlDownloads: UrlDownloadService;
  downloads: DownloadService;
  /** Values a task keeps across invocations (too big for its checkpoint). */
  scratch: TaskScratch;
  content: ContentService;
  repositories: RepositoryService;
  versions: VersionService;
  remotes: RemoteService;
  publications: PublicationService;
  distributions: DistributionService;
  orphans: OrphanService;
  delivery: DeliveryReader;
}

export interface CoreServiceDeps {
  data: CoreData;
  blobs: BlobStore;
  delivery: DeliveryReader;
  rules: VersionRules;
  /** Fetchers to hand sync downloads to, when the app has a download queue. */
  fanOut?: FanOutDeps;
}

export function buildCoreServices({ data, blobs, delivery, rules, fanOut }: CoreServiceDeps): CoreServices {
  const artifacts = new ArtifactService(data.artifacts, blobs);
  return {
    artifacts,
    uploads: new UploadService(data.uploads, blobs, artifacts),
    urlDownloads: new UrlDownloadService(artifacts, fanOut),
    downloads: new DownloadService(artifacts, blobs, fanOut),
    scratch: new TaskScratch(blobs),
    content: new ContentService(data.content),
    repositories: new RepositoryService(data),
    versions: new VersionService(data, rules),
    remotes: new RemoteService(data.remotes),
    publications: new PublicationService(data, blobs),
    distributions: new DistributionService(data),
    orphans: new OrphanService(data, blobs),
    delivery,
  };
}
