/** Options of a `youtube` source (`sources[].options`). */
import { z } from 'zod';
import { DurationSchema } from '../../core/config/index.js';

export const YoutubeOptionsSchema = z
  .object({
    /** Data API root. @default "https://www.googleapis.com/youtube/v3" */
    baseUrl: z.string().url().default('https://www.googleapis.com/youtube/v3'),
    /** Videos whose comment threads to read (the `v=` part of a watch URL). @default [] */
    videoIds: z.array(z.string().regex(/^[\w-]{6,20}$/, 'a video id such as "dQw4w9WgXcQ"')).default([]),
    /** A channel (`UC…`) whose videos' comment threads to read (`allThreadsRelatedToChannelId`). */
    channelId: z
      .string()
      .regex(/^UC[\w-]{22}$/, 'a channel id such as "UC_x5XG1OV2P6uZZ5FSM9Ttw" (not the @handle)')
      .optional(),
    /** Threads per request, 1–100 (each request costs 1 quota unit). @default 100 */
    pageSize: z.number().int().min(1).max(100).default(100),
    /** How far back the first poll reaches. @default "7d" */
    initialLookback: DurationSchema.default('7d'),
  })
  .refine((o) => o.videoIds.length > 0 || o.channelId !== undefined, {
    message: 'set "videoIds" (a list of video ids) and/or "channelId" (a UC… channel id)',
  });

export type YoutubeOptions = z.infer<typeof YoutubeOptionsSchema>;
