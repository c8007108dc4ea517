import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { reportsLoader } from './loaders/reports';
import { placeSchema } from './schemas/place';
import { reportSchema } from './schemas/report';
import { contentDir } from './lib/paths';

const places = defineCollection({
  loader: file(`${contentDir}/places.yaml`),
  schema: placeSchema,
});

const reports = defineCollection({
  // Entry id = `<place id>/<year>`, the path under reports/ without extension (not slugified).
  loader: reportsLoader(`${contentDir}/reports`),
  schema: reportSchema,
});

export const collections = { places, reports };
