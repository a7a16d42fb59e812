// A picture that staff choose (a news cover, an app's icon): made smaller on this computer (which
// also drops its metadata; the server strips it again), then uploaded to POST /api/v1/media.
// Fails with an ApiError: `unreadable` (422) when the picture cannot be decoded, else the server's.
import { ApiError, uploadPhoto, type Photo } from '../api';
import { uuid } from '../uuid';
import { maxPhotoSide, resizePhoto } from './resize';

interface Options {
  // The name the upload is sent under ('cover.jpg').
  fileName: string;
  // The message shown when the browser cannot read the picture.
  unreadable: string;
  // The longest side in pixels after resizing.
  maxSide?: number;
}

export async function uploadResizedPicture(file: Blob, { fileName, unreadable, maxSide = maxPhotoSide }: Options): Promise<Photo> {
  let resized: Blob;
  try {
    resized = (await resizePhoto(file, maxSide)).blob;
  } catch {
    throw new ApiError(422, null, unreadable);
  }
  const media = await uploadPhoto(resized, fileName, { idempotencyKey: uuid() });
  return { id: media.id, url: media.url, thumbnail_url: media.thumbnail_url };
}
