// Importing these modules registers their outbox handlers (onOutbox).
import { onOutbox } from "./index";
import { deliverQueuedMail } from "@/lib/mail";
import "@/lib/search";

onOutbox("mail.send", deliverQueuedMail);
