export { ensureWebhookSecret, rotateWebhookSecret } from './organisation-secret.ts';
export { signWebhook, verifyWebhook } from './signature.ts';
export { addressPermitted, isAllowedHost, isPublicAddress, type TargetPolicy } from './target-policy.ts';
