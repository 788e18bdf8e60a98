import bcrypt from "bcryptjs";

// bcrypt cost 10: about 70 ms on this machine kind, slow enough for offline guessing to hurt.
const COST = 10;

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, COST);
export const verifyPassword = (password: string, hash: string): Promise<boolean> =>
  bcrypt.compare(password, hash);
