import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { openApiDocument } from './openapi/openapi-document';

const SWAGGER_OPTIONS = { customSiteTitle: 'jobgate API', swaggerOptions: { url: '/openapi.json' } };

/**
 * `GET /openapi.json` and the Swagger UI at `/docs`, both public (they describe the API; every
 * call made from the page still needs a key). The UI's files come from swagger-ui-dist in
 * node_modules, never from a CDN, and it loads the document from this server.
 */
export function docsRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.use('/docs', swaggerUi.serveFiles(undefined, SWAGGER_OPTIONS), swaggerUi.setup(undefined, SWAGGER_OPTIONS));
  return router;
}
