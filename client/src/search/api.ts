import { z } from 'zod';
import { PersonSearchHit } from '../../../shared/api/intake.js';
import { apiGet, withQuery } from '../api/http.js';

export const searchPeople = (query: { q?: string; dob?: string; policeRef?: string }, signal?: AbortSignal) =>
  apiGet(withQuery('/api/people/search', query), z.array(PersonSearchHit), signal);
