"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { SelfUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { formatBytes } from "../../lib/format-bytes";
import { queryKeys } from "../../query-keys";
import { Avatar } from "../ui/avatar";
import { ImageUploadField } from "../ui/image-upload-field";
import { SectionLabel } from "../ui/settings-shell";

/** Change avatar / Remove avatar; saved at once, not through the unsaved-changes bar, as in Discord's upload. */
export function AvatarField({ me }: { me: SelfUser }) {
  const queryClient = useQueryClient();
  const saved = (next: SelfUser) => {
    queryClient.setQueryData<SelfUser>(queryKeys.me, next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.profile(next.id) });
  };
  return (
    <section>
      <SectionLabel>Avatar</SectionLabel>
      <ImageUploadField
        preview={<Avatar id={me.id} name={me.name || me.username} image={me.image} size={80} />}
        hasImage={!!me.image}
        uploadLabel="Change Avatar"
        removeLabel="Remove Avatar"
        hint={`PNG, JPEG, GIF or WebP up to ${formatBytes(limits.avatarMaxBytes)}; cropped to a square.`}
        upload={(file, onProgress) => api.uploadAvatar(file, { onProgress }).then(saved)}
        remove={() => api.removeAvatar().then(saved)}
        testIdPrefix="avatar"
      />
    </section>
  );
}
