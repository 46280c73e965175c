/** The Kysely view of the tables. Timestamps are milliseconds since the epoch (bigint in PostgreSQL). */
import type { ColumnType } from 'kysely';

export interface SitesTable {
  id: string;
  name: string;
  /** JSON array of exact origins ("https://example.kz"), compared byte for byte. */
  origins: string;
  /** ISO 3166 alpha-2, used to read phone numbers typed without "+". */
  default_country: string;
  /** JSON object of `SiteSettings`; missing keys take the defaults. */
  settings: string;
  created_at: number;
}

export interface SiteAdminsTable {
  site_id: string;
  /** A normalised email or an E.164 phone number. */
  contact: string;
  created_at: number;
}

export interface UsersTable {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  created_at: number;
}

export interface PagesTable {
  site_id: string;
  page_key: string;
  title: string;
  url: string;
  comment_count: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface CommentsTable {
  id: string;
  site_id: string;
  page_key: string;
  parent_id: string | null;
  author_id: string;
  text: string;
  status: string;
  created_at: number;
  edited_at: number | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  site_id: string | null;
  created_at: number;
  last_seen_at: number;
}

export interface Database {
  sites: SitesTable;
  site_admins: SiteAdminsTable;
  users: UsersTable;
  pages: PagesTable;
  comments: CommentsTable;
  sessions: SessionsTable;
}
