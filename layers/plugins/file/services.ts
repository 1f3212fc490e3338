import type { App } from '../../app/app';
import type { BlobStore } from '../../core/storage/blob-store';
import type { DeliveryReader } from './delivery/delivery-reader';
import type { FileData } from './ports';
import { ArtifactService } from './services/artifact-service';
import { FileContentService } from './services/content-service';
import { DistributionService } from './services/distribution-service';
import { OrphanService } from './services/orphan-service';
import { PublicationService } from './services/publication-service';
import { UploadService } from './services/upload-service';
import { UrlDownloadService } from './services/url-download-service';
import { VersionService } from './services/version-service';

/** The file plugin's domain services (see README.md). */
export interface FileServices {
  data: FileData;
  artifacts: ArtifactService;
  uploads: UploadService;
  /** Artifacts downloaded from a URL (content create with `file_url`). */
  downloads: UrlDownloadService;
  content: FileContentService;
  versions: VersionService;
  publications: PublicationService;
  distributions: DistributionService;
  orphans: OrphanService;
  delivery: DeliveryReader;
}

export function buildFileServices(data: FileData, delivery: DeliveryReader, blobs: BlobStore): FileServices {
  const artifacts = new ArtifactService(data, blobs);
  const versions = new VersionService(data);
  const publications = new PublicationService(data, blobs);
  versions.onCreated(async (version) => {
    const repo = await data.repositories.get(version.repositoryId);
    if (repo?.autopublish) await publications.publish(version.id, { manifest: repo.manifest ?? 'PULP_MANIFEST' });
  });
  return {
    data,
    artifacts,
    uploads: new UploadService(data, blobs, artifacts),
    downloads: new UrlDownloadService(artifacts),
    content: new FileContentService(data),
    versions,
    publications,
    distributions: new DistributionService(data),
    orphans: new OrphanService(data, blobs),
    delivery,
  };
}

const installed = new WeakMap<App, FileServices>();

export function attachFileServices(app: App, services: FileServices): void {
  installed.set(app, services);
}

/** The services of an App that went through installPlugins. */
export function fileServices(app: App): FileServices {
  const services = installed.get(app);
  if (!services) throw new Error('The file plugin is not installed on this App (call installPlugins)');
  return services;
}
