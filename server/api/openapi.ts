import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function openApiDocument(registry: OpenAPIRegistry): object {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'SAM Room API',
      version: '0.1.0',
      description:
        'REST contract of SAM Room. Sessions are an HttpOnly cookie set by POST /api/auth/login; ' +
        'state-changing requests need the header X-Requested-With: samroom.',
    },
    servers: [{ url: '/' }],
  });
}
