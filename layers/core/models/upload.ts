/** A chunked upload: chunks are stored as they come and joined into an artifact on commit. */
export interface Upload {
  id: string;
  size: number;
  completed: string | null;
  chunks: Array<{ offset: number; size: number }>;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface UploadChunk {
  offset: number;
  size: number;
  storageKey: string;
}
