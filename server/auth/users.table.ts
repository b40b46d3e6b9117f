import type { Generated } from 'kysely';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string | null;
  is_demo: Generated<number>;
  active: Generated<number>;
  created_at: string;
}

export interface UserRoleTable {
  id: Generated<number>;
  user_id: number;
  solution_id: number | null;
  role: string;
}

export interface AuthSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}
