import { z } from 'zod';
import { zAttributeKey } from './participant';

export const zDimensionParam = z.object({ dimension: zAttributeKey });

export const zPopulationPut = z
  .object({
    counts: z
      .record(z.string().trim().min(1).max(200), z.int().min(0).max(100_000_000))
      .refine((c) => Object.keys(c).length >= 1 && Object.keys(c).length <= 200, 'between 1 and 200 groups'),
  })
  .strict();
export type PopulationPut = z.infer<typeof zPopulationPut>;

export const zPopulation = z
  .object({ dimension: z.string(), counts: z.record(z.string(), z.int()), updatedAt: z.string().nullable() })
  .meta({ id: 'Population' });
export type Population = z.infer<typeof zPopulation>;
export const zPopulationList = z.object({ dimensions: z.array(zPopulation) });
