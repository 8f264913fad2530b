import { AppError } from '@saeq/shared/errors';
import { bodyLimit } from 'hono/body-limit';

/** A per-route request body limit answering 413 problem+json. */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('payload_too_large');
    },
  });
}
