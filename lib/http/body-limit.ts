// No imports: next.config.ts reads this file too.

/**
 * The largest server-action request body: a 2 MiB cover (lib/storage) plus the multipart
 * envelope and the other form fields. Next refuses larger bodies with a 500; proxy.ts answers
 * 413 first.
 */
export const ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;
