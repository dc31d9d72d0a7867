package io.onestore.simulator.world;

/**
 * One account of the world. Ids are per network: the same person is {@code igId} on Instagram, {@code xId} on X.
 *
 * @param brand index of the brand this is the official account of, or -1
 * @param earlierPosts posts made before the world's origin (they count in media_count, no feed shows them)
 */
public record Author(
        int index,
        String igId,
        String xId,
        String username,
        String fullName,
        String biography,
        long followers,
        long following,
        boolean verified,
        boolean isPrivate,
        boolean business,
        int brand,
        long earlierPosts) {

    public String profilePicUrl() {
        return "https://scontent.cdninstagram.com/v/t51.2885-19/" + igId + "_profile.jpg";
    }
}
