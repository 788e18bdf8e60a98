import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZS3Env = z.object({
  S3_ENDPOINT: z.string().url().default("http://127.0.0.1:4568"),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().min(3).default("mlsec"),
  S3_ACCESS_KEY_ID: z.string().default("S3RVER"),
  S3_SECRET_ACCESS_KEY: z.string().default("S3RVER"),
  /** s3rver and MinIO want path-style URLs; AWS itself does not. */
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Where the bundled local S3 server keeps its files. */
  S3_LOCAL_DIR: z.string().default(".data/s3"),
});
export type TS3Env = z.infer<typeof ZS3Env>;
export const loadS3Env = (source?: NodeJS.ProcessEnv): TS3Env => readEnv(ZS3Env, source);
