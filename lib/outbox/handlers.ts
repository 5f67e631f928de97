// Importing these modules registers their outbox handlers (onOutbox).
import "@/lib/search";
