/**
 * A compact built-in emoji set for reactions: the ~150 people use most, with names to
 * search by. Unicode only, drawn by the system font, so nothing is fetched from a CDN.
 */
export interface EmojiEntry {
  emoji: string;
  /** Space-separated names and keywords; the first word is the shortcode-like name. */
  names: string;
}

const table = `
👍 thumbsup +1 yes like|👎 thumbsdown -1 no dislike|❤️ heart love red|😂 joy laugh tears lol|🤣 rofl rolling laugh|
😀 grinning smile happy|😃 smiley happy|😄 smile happy|😁 grin teeth|😆 laughing satisfied|😅 sweat_smile relief|
😊 blush smile happy|😇 innocent halo angel|🙂 slight_smile|🙃 upside_down|😉 wink|😌 relieved|😍 heart_eyes love|
🥰 smiling_hearts love|😘 kissing_heart kiss|😋 yum tasty|😛 tongue|😜 wink_tongue crazy|🤪 zany crazy|
🤨 raised_eyebrow suspicious|🧐 monocle inspect|🤓 nerd geek|😎 sunglasses cool|🥳 partying party celebrate|
😏 smirk|😒 unamused meh|😞 disappointed sad|😔 pensive sad|😟 worried|😕 confused|🙁 slight_frown sad|
😣 persevere|😖 confounded|😫 tired_face|😩 weary|🥺 pleading puppy|😢 cry sad tear|😭 sob crying sad|
😤 triumph huff|😠 angry mad|😡 rage angry mad|🤬 cursing swear angry|🤯 exploding_head mind_blown|
😳 flushed embarrassed|🥵 hot sweating|🥶 cold freezing|😱 scream fear|😨 fearful scared|😰 anxious sweat|
😥 sad_relieved|😓 downcast_sweat|🤗 hugging hug|🤔 thinking hmm|🤭 hand_over_mouth oops|🤫 shushing quiet|
🤥 lying liar|😶 no_mouth speechless|😐 neutral|😑 expressionless|😬 grimacing awkward|🙄 eye_roll|
😯 hushed surprised|😦 frowning|😧 anguished|😮 open_mouth wow surprised|😲 astonished shocked|🥱 yawning tired|
😴 sleeping zzz|🤤 drooling|😪 sleepy|😵 dizzy|🤐 zipper_mouth secret|🥴 woozy drunk|🤢 nauseated sick|
🤮 vomiting sick|🤧 sneezing sick|😷 mask sick|🤒 thermometer sick|🤕 head_bandage hurt|🤑 money_mouth rich|
🤠 cowboy|😈 smiling_imp devil|👿 imp devil angry|💀 skull dead|☠️ skull_crossbones|💩 poop|🤡 clown|
👻 ghost boo|👽 alien|🤖 robot bot|😺 smiley_cat|😻 heart_eyes_cat|🙈 see_no_evil monkey|🙉 hear_no_evil monkey|
🙊 speak_no_evil monkey|👋 wave hello bye|🤚 raised_back_of_hand|✋ raised_hand stop high_five|🖖 vulcan spock|
👌 ok_hand okay|🤌 pinched_fingers|✌️ v peace victory|🤞 crossed_fingers luck|🤟 love_you|🤘 metal rock|
🤙 call_me shaka|👈 point_left|👉 point_right|👆 point_up|👇 point_down|☝️ index_up|✊ fist|👊 punch fist_bump|
👏 clap applause|🙌 raised_hands hooray praise|👐 open_hands|🤲 palms_up|🤝 handshake deal|🙏 pray please thanks|
✍️ writing|💪 muscle strong flex|🧠 brain smart|👀 eyes look|👁️ eye|💯 100 hundred perfect|🔥 fire lit hot|
✨ sparkles shiny new|⭐ star|🌟 star2 glowing|💫 dizzy_star|💥 boom collision|💢 anger|💦 sweat_drops|
💤 zzz sleep|🎉 tada party celebrate hooray|🎊 confetti party|🎈 balloon party|🎁 gift present|🏆 trophy win|
🥇 first_place gold medal|🎯 dart bullseye target|🎮 video_game gaming|🎵 musical_note music|🎶 notes music|
📌 pushpin pin|📎 paperclip|📝 memo note write|📚 books read|💡 bulb idea|🔔 bell notification|🔕 no_bell mute|
📣 mega announcement|💬 speech_balloon chat|💭 thought_balloon|🗨️ speech_left|✅ white_check_mark done yes|
☑️ ballot_box_with_check|✔️ heavy_check_mark check|❌ x no cross wrong|❎ negative_squared_cross|⚠️ warning|
⛔ no_entry stop|🚫 prohibited forbidden|❓ question|❗ exclamation|‼️ bangbang|➕ plus add|➖ minus|
🔄 arrows_counterclockwise refresh|⏰ alarm_clock time|⌛ hourglass wait|🚀 rocket ship launch|🛠️ tools build fix|
🐛 bug|🔒 lock secure|🔑 key|💻 computer laptop|📱 phone mobile|☕ coffee|🍕 pizza|🍔 hamburger burger|
🍺 beer|🍻 beers cheers|🥂 champagne_glasses cheers toast|🍰 cake|🎂 birthday cake|🍿 popcorn|🍎 apple|
🐶 dog puppy|🐱 cat kitty|🦊 fox|🐻 bear|🐼 panda|🐸 frog|🐢 turtle slow|🦄 unicorn|🐍 snake python|🦀 crab rust|
🌈 rainbow|☀️ sunny sun|🌙 crescent_moon night|⚡ zap lightning|❄️ snowflake cold|🌊 wave ocean|🌱 seedling grow|
🌸 cherry_blossom flower|🌹 rose flower|🧡 orange_heart|💛 yellow_heart|💚 green_heart|💙 blue_heart|
💜 purple_heart|🖤 black_heart|🤍 white_heart|💔 broken_heart|💕 two_hearts|💖 sparkling_heart|🫡 salute|
🫠 melting|🥲 smiling_tear|🫶 heart_hands|🤷 shrug|🤦 facepalm|🙋 raising_hand|🙇 bow|🏃 running run|👑 crown king
`;

export const emojiList: EmojiEntry[] = table
  .split("|")
  .map((cell) => cell.trim())
  .filter(Boolean)
  .map((cell) => {
    const space = cell.indexOf(" ");
    return { emoji: cell.slice(0, space), names: cell.slice(space + 1) };
  });

/** Emoji whose names start with the query's words (any order), best matches first. */
export function searchEmoji(query: string): EmojiEntry[] {
  const words = query.toLowerCase().trim().replace(/^:|:$/g, "").split(/\s+/).filter(Boolean);
  if (words.length === 0) return emojiList;
  const scored: Array<{ entry: EmojiEntry; score: number }> = [];
  for (const entry of emojiList) {
    const names = entry.names.split(" ");
    const tokens = names.flatMap((n) => n.split("_"));
    const all = words.every((w) => names.some((n) => n.startsWith(w)) || tokens.some((t) => t.startsWith(w)));
    if (!all) continue;
    const primary = names[0] ?? "";
    scored.push({ entry, score: primary === words[0] ? 0 : primary.startsWith(words[0] ?? "") ? 1 : 2 });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.entry);
}

/** The first row of the picker: what Discord users reach for most. */
export const quickReactions = ["👍", "❤️", "😂", "🎉", "👀", "🔥"];
