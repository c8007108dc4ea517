import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { reportsLoader } from './loaders/reports';
import { placeSchema } from './schemas/place';
import { reportSchema } from './schemas/report';
import { contentDir } from './build/paths';
import { yamlFileParser } from './lib/content/yaml';

const places = defineCollection({
  // Read as `npm run check` reads it (strict YAML: no aliases, no duplicate keys).
  loader: file(`${contentDir()}/places.yaml`, { parser: yamlFileParser(`${contentDir()}/places.yaml`) as (text: string) => Record<string, unknown>[] }),
  schema: placeSchema,
});

const reports = defineCollection({
  // Entry id = `<place id>/<year>`, the path under reports/ without extension (not slugified).
  loader: reportsLoader(`${contentDir()}/reports`),
  schema: reportSchema,
});

export const collections = { places, reports };
