// A screen's own catalogue, kept in that screen's chunk, read like the main one: the message in
// the current language with {name} placeholders filled. Vietnamese is the reference; the English
// catalogue must have the same keys (the type checker enforces it).
import { fill, lang, type MessageParams } from './index';

export type CatalogueReader<Key extends string> = (key: Key, params?: MessageParams) => string;

export function catalogue<Key extends string>(vi: Record<Key, string>, en: Record<NoInfer<Key>, string>): CatalogueReader<Key> {
  return (key, params) => fill(lang() === 'en' ? en[key] : vi[key], params);
}
