import { detectLanguage } from './language-detection.util';

describe('detectLanguage', () => {
  it.each([
    ['Hello, I need help with my insurance claim please', [], 'en'],
    ['Hola, necesito ayuda con mi reclamo de seguro', ['en', 'es'], 'es'],
    ['Kumusta, gusto kong ibalik ang aking order kasi sira', ['en', 'tl'], 'tl'],
    ['Where is my order? It was due yesterday', ['en', 'tl'], 'en'],
    ['Bonjour je voudrais annuler ma commande', [], 'fr'],
  ])('%s → %s', (text, languages, expected) => expect(detectLanguage(text, languages)).toBe(expected));

  it.each([
    ['hi', []],
    ['ok thanks', ['en']],
    ['4111 1111 1111 1111', []],
    ['Bonjour je voudrais annuler ma commande', ['en', 'tl']],
  ])('says nothing when it cannot tell: %s', (text, languages) => expect(detectLanguage(text, languages)).toBeNull());
});
