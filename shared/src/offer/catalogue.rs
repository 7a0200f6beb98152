//! The standard citizen-facing digital services, version `2026.1`.
//!
//! Drawn from the framework's "Empower citizens" measure ("a standard set of digital services that
//! suit all literacy and digital inclusion needs", consistent across the ICS) and from what the NHS
//! App offers. Ids are stable: records refer to them, so a service is never renamed in place; a
//! new catalogue version adds or retires services instead.

use super::Service;

pub const VERSION: &str = "2026.1";

pub const SERVICES: &[Service] = &[
    Service {
        id: "nhs-login",
        name: "NHS login",
        description: "Sign in to the organisation’s online services with your NHS login, the same account you use for the NHS App.",
    },
    Service {
        id: "nhs-app",
        name: "NHS App integration",
        description: "Use the organisation’s services from inside the NHS App, without a separate account.",
    },
    Service {
        id: "nhs-website-profile",
        name: "NHS website profile",
        description: "Find up-to-date contact details, opening times and services for the organisation on the NHS website.",
    },
    Service {
        id: "appointments",
        name: "Appointments",
        description: "See, book, change or cancel your appointments online.",
    },
    Service {
        id: "test-results",
        name: "Test results",
        description: "See your test results online, with an explanation of what they mean.",
    },
    Service {
        id: "care-plans",
        name: "Care plans",
        description: "See your care plan and what has been agreed about your care.",
    },
    Service {
        id: "medications",
        name: "Medicines and prescriptions",
        description: "See your medicines and order repeat prescriptions online.",
    },
    Service {
        id: "health-record",
        name: "Health record and history",
        description: "See your health record, including your history of conditions, treatments and allergies.",
    },
    Service {
        id: "correspondence",
        name: "Letters and messages",
        description: "Get your letters and messages from the organisation online instead of, or as well as, by post.",
    },
    Service {
        id: "screening-alerts",
        name: "Screening and vaccination reminders",
        description: "Get reminders when you are due for screening or a vaccination.",
    },
    Service {
        id: "online-consultation",
        name: "Online consultation and self-triage",
        description: "Describe your symptoms or request online, and be told what to do next or who will contact you.",
    },
    Service {
        id: "self-referral",
        name: "Refer yourself",
        description: "Refer yourself to services that do not need a referral from your GP, such as physiotherapy or talking therapies.",
    },
    Service {
        id: "remote-monitoring",
        name: "Managing a condition and remote monitoring",
        description: "Send readings such as blood pressure from home and manage a long-term condition with your care team.",
    },
    Service {
        id: "advice-and-guidance",
        name: "Advice and guidance",
        description: "Ask a question about your care online and get advice from a clinician.",
    },
    Service {
        id: "questionnaires",
        name: "Questionnaires before appointments",
        description: "Fill in questionnaires about your health before an appointment, so the time with your clinician is spent on what matters.",
    },
    Service {
        id: "digital-inclusion",
        name: "Help to get online",
        description: "Get help to use online services, and other ways to do the same things if you cannot or prefer not to go online.",
    },
    Service {
        id: "proxy-access",
        name: "Acting for someone else",
        description: "Use online services on behalf of someone you care for, with their agreement.",
    },
];
