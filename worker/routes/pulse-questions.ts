import { createRoute } from '@hono/zod-openapi';
import { pulseQuestions, zPulseQuestions } from '../../shared';
import { authenticate } from '../http/auth';
import { bearer, errors, json, router } from '../http/openapi';

export const pulseQuestionsRoute = router();
pulseQuestionsRoute.use('*', authenticate());
pulseQuestionsRoute.openapi(
  createRoute({
    method: 'get',
    path: '/questions',
    tags: ['pulse'],
    summary: 'The pulse question set (v1)',
    security: bearer,
    responses: { 200: json(zPulseQuestions, 'The questions'), 401: errors[401] },
  }),
  (c) =>
    c.json(
      {
        version: 1 as const,
        questions: pulseQuestions.map((q) => ({ ...q })),
        checkIn: { text: 'Ask the coordinator to check in on this pairing' },
      },
      200,
    ),
);
