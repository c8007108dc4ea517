import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { reportsLoader } from './loaders/reports';
import { placeSchema } from './schemas/place';
import { reportSchema } from './schemas/report';
import { contentDir } from './build/paths';
import { placesFile, placesParser } from './lib/places/load';

const places = defineCollection({
  // Read as `npm run check` reads it (src/lib/places/load.ts): strict YAML, every row through the schema.
  loader: file(placesFile(contentDir()), { parser: placesParser(placesFile(contentDir())) }),
  schema: placeSchema,
});

const reports = defineCollection({
  // Entry id = `<place id>/<year>`, the path under reports/ without extension (not slugified).
  loader: reportsLoader(`${contentDir()}/reports`),
  schema: reportSchema,
});

export const collections = { places, reports };
