//! The What Good Looks Like framework, as published on 31 August 2021 and updated 4 October 2021
//! (NHS Transformation Directorate). Transcribed word for word from the published text; each
//! statement id (`ics.<measure>.<n>` / `org.<measure>.<n>`) is stable for this framework version:
//! reviews store answers against these ids, so never renumber them. A revised framework gets a new
//! version module instead.

use super::{Framework, MeasureVariant, Statement, SuccessMeasure};
use std::borrow::Cow::Borrowed as B;

pub const ID: &str = "wgll-2021";

pub static FRAMEWORK: Framework = Framework {
    id: B(ID),
    title: B("What Good Looks Like"),
    published: B("2021-10-04"),
    measures: B(&[
        SuccessMeasure {
            number: 1,
            slug: B("well-led"),
            title: B("Well led"),
            ics: MeasureVariant {
                summary: B(
                    "Your ICS has a clear strategy for digital transformation and collaboration. Leaders across the ICS collectively own and drive the digital transformation journey, placing citizens and frontline perspectives at the centre. All leaders promote digitally enabled transformation to efficiently deliver safe, high quality care.\n\nIntegrated Care Boards (ICBs) build digital and data expertise and accountability into their leadership and governance arrangements, and ensure delivery of the system-wide digital and data strategy.",
                ),
                statements: B(&[
                    Statement {
                        id: B("ics.1.1"),
                        text: B(
                            "own an ICS-wide digital and data strategy that drives ‘levelling up’ across the ICS and is underpinned by a sustainable financial plan",
                        ),
                    },
                    Statement {
                        id: B("ics.1.2"),
                        text: B(
                            "establish ICS governance to regularly review and align all organisations’ digital and data strategies, ICS-cyber security plan, programmes, procurements, services, delivery capability and risks",
                        ),
                    },
                    Statement {
                        id: B("ics.1.3"),
                        text: B(
                            "ensure that your ICS digital and data strategy has had wide input from clinical representatives from across the ICS",
                        ),
                    },
                    Statement {
                        id: B("ics.1.4"),
                        text: B(
                            "identify ICS-wide digital and data solutions for improving health and care outcomes by regularly engaging with partners, citizen and front line groups",
                        ),
                    },
                    Statement {
                        id: B("ics.1.5"),
                        text: B("invest in regular board development sessions to develop digital competence"),
                    },
                    Statement {
                        id: B("ics.1.6"),
                        text: B("support investment in ICS-wide multidisciplinary CCIO and CNIO functions"),
                    },
                ]),
            },
            organisation: MeasureVariant {
                summary: B(
                    "Boards are equipped to lead digital transformation and collaboration. They own and drive the digitally enabled transformation journey, placing citizens and frontline perspectives at the centre.",
                ),
                statements: B(&[
                    Statement {
                        id: B("org.1.1"),
                        text: B(
                            "build digital and data leadership expertise and strong board-level accountability for digital transformation - this would include having a CIO or CCIO (or role within this function) as a member or attendee of the board",
                        ),
                    },
                    Statement {
                        id: B("org.1.2"),
                        text: B(
                            "establish board governance that regularly reviews digital and data strategy, cyber security, services, delivery and risks, underpinned by meaningful metrics and targets",
                        ),
                    },
                    Statement {
                        id: B("org.1.3"),
                        text: B(
                            "ensure that your digital and data strategy has had wide input from clinical representatives from across the organisation",
                        ),
                    },
                    Statement {
                        id: B("org.1.4"),
                        text: B(
                            "ensure board ownership of a digital and data strategy that is linked to the Integrated Care System (ICS) strategy and underpinned by a sustainable financial plan",
                        ),
                    },
                    Statement {
                        id: B("org.1.5"),
                        text: B(
                            "identify digital and data solutions to improve care by regularly engaging with frontline users and citizens",
                        ),
                    },
                    Statement {
                        id: B("org.1.6"),
                        text: B(
                            "invest in regular board development sessions to develop digital confidence, manage cyber security risk and achieve the sustainability agenda",
                        ),
                    },
                    Statement {
                        id: B("org.1.7"),
                        text: B("invest in a multidisciplinary CCIO and CNIO function"),
                    },
                ]),
            },
        },
        SuccessMeasure {
            number: 2,
            slug: B("smart-foundations"),
            title: B("Ensure smart foundations"),
            ics: MeasureVariant {
                summary: B(
                    "Digital, data and infrastructure operating environments are reliable, modern, secure, sustainable and resilient. Across your ICS, all organisations have well-resourced teams who are competent to deliver modern digital and data services.",
                ),
                statements: B(&[
                    Statement {
                        id: B("ics.2.1"),
                        text: B(
                            "have a system-wide strategy for building multidisciplinary teams with clinical, operational, informatics, design and technical expertise to deliver the ICS digital and data ambitions",
                        ),
                    },
                    Statement {
                        id: B("ics.2.2"),
                        text: B(
                            "ensure progress towards net zero carbon, sustainability and resilience ambitions by meeting the Sustainable ICT and Digital Services Strategy (2020 to 2025) objectives",
                        ),
                    },
                    Statement {
                        id: B("ics.2.3"),
                        text: B(
                            "make sure that all projects, programmes and services meet the Technology Code of Practice and are cyber secure by design",
                        ),
                    },
                    Statement {
                        id: B("ics.2.4"),
                        text: B(
                            "oversee across organisation investment in modern infrastructure to retire unsupported systems",
                        ),
                    },
                    Statement {
                        id: B("ics.2.5"),
                        text: B(
                            "drive organisations towards ‘simplification of the infrastructure’ by sharing and considering consolidation of spending, strategies and contracts",
                        ),
                    },
                    Statement {
                        id: B("ics.2.6"),
                        text: B(
                            "ensure levelling up of the use and scope of electronic care record systems, including using greater clinical functionality and links to diagnostic systems and EPMA",
                        ),
                    },
                    Statement {
                        id: B("ics.2.7"),
                        text: B(
                            "lead the delivery and development of an ICS-wide shared care record (ShCR) which adheres to the Professional Records Standard Body’s (PRSB) Core Information Standard",
                        ),
                    },
                ]),
            },
            organisation: MeasureVariant {
                summary: B(
                    "Digital, data and infrastructure operating environments are reliable, modern, secure, sustainable and resilient. Organisations have well-resourced teams who are competent to deliver modern digital and data services.",
                ),
                statements: B(&[
                    Statement {
                        id: B("org.2.1"),
                        text: B(
                            "invest in and build multidisciplinary teams with clinical, operational, informatics, design and technical expertise to deliver your digital and data ambitions",
                        ),
                    },
                    Statement {
                        id: B("org.2.2"),
                        text: B(
                            "ensure progress towards net zero carbon, sustainability and resilience ambitions by meeting the Sustainable ICT and Digital Services Strategy (2020 to 2025) objectives",
                        ),
                    },
                    Statement {
                        id: B("org.2.3"),
                        text: B(
                            "make sure that all projects and programmes meet the Technology Code of Practice and are cyber secure by design",
                        ),
                    },
                    Statement {
                        id: B("org.2.4"),
                        text: B("have a plan and move to cloud data hosting and management"),
                    },
                    Statement { id: B("org.2.5"), text: B("maintain a robust and secure network") },
                    Statement {
                        id: B("org.2.6"),
                        text: B(
                            "ensure hardware, software and end user devices are all within the suggested supplier life cycle and fully supported",
                        ),
                    },
                    Statement {
                        id: B("org.2.7"),
                        text: B(
                            "remove fax machines and non-emergency pagers, and maximise use of modern telephony and communication methods, for example, communications software",
                        ),
                    },
                    Statement {
                        id: B("org.2.8"),
                        text: B(
                            "ensure staff have access to the technology and devices that best support their roles",
                        ),
                    },
                    Statement {
                        id: B("org.2.9"),
                        text: B(
                            "maintain a central, organisation-wide, real-time electronic care record system",
                        ),
                    },
                    Statement {
                        id: B("org.2.10"),
                        text: B(
                            "extend the use and scope of your electronic care record systems to all services, ensuring greater clinical functionality and links to diagnostic systems and electronic prescribing and medicines administration (EPMA)",
                        ),
                    },
                    Statement {
                        id: B("org.2.11"),
                        text: B(
                            "contribute data to the ICS-wide shared care record in line with the Professional Records Standard Body’s (PRSB) Core Information Standard",
                        ),
                    },
                ]),
            },
        },
        SuccessMeasure {
            number: 3,
            slug: B("safe-practice"),
            title: B("Safe practice"),
            ics: MeasureVariant {
                summary: B(
                    "Organisations across the ICS maintain standards for safe care, as set out by the Digital Technology Assessment Criteria for health and social care (DTAC). They routinely review system-wide security, sustainability and resilience.",
                ),
                statements: B(&[
                    Statement {
                        id: B("ics.3.1"),
                        text: B(
                            "have a system-wide plan for maintaining robust cyber security, including development of centralised capabilities to provide support across all organisations",
                        ),
                    },
                    Statement {
                        id: B("ics.3.2"),
                        text: B(
                            "establish a process for managing the cyber risk with mitigation plans, investment and progress regularly reviewed at ICS level",
                        ),
                    },
                    Statement {
                        id: B("ics.3.3"),
                        text: B(
                            "have an adequately resourced ICS-level cyber security function, including a senior information risk owner and data protection officer (DPO)",
                        ),
                    },
                    Statement {
                        id: B("ics.3.4"),
                        text: B("ensure that you fully use national cyber services provided by NHS Digital"),
                    },
                    Statement {
                        id: B("ics.3.5"),
                        text: B(
                            "ensure the organisations in your ICS are supported to comply with the requirements in the Data Security and Protection Toolkit which incorporates the Cyber Essentials Framework",
                        ),
                    },
                    Statement {
                        id: B("ics.3.6"),
                        text: B(
                            "have an adequately resourced clinical safety function, including a named CSO, to oversee ICS-wide digital and data development and deployment",
                        ),
                    },
                    Statement {
                        id: B("ics.3.7"),
                        text: B(
                            "ensure ICS-wide clinical systems meet clinical safety standards as set out by DTAC and DCB0129 and DCB0160",
                        ),
                    },
                    Statement {
                        id: B("ics.3.8"),
                        text: B(
                            "establish a clear system-wide process for reviewing and responding to relevant safety recommendations and alerts, including those from NHS Digital (cyber), NHS England, the MHRA and the Healthcare Service Investigation Branch (HSIB)",
                        ),
                    },
                    Statement {
                        id: B("ics.3.9"),
                        text: B(
                            "ensure compliance with NHS national contract provisions related to technology-enabled delivery, for example, clinical correspondence and electronic discharge summaries",
                        ),
                    },
                ]),
            },
            organisation: MeasureVariant {
                summary: B(
                    "Organisations maintain standards for safe care. They routinely review digital and data systems to ensure they are safe, robust, secure, sustainable and resilient. Digitally-enabled outcome-driven transformation is at the heart of safe care.",
                ),
                statements: B(&[
                    Statement {
                        id: B("org.3.1"),
                        text: B(
                            "comply with the requirements in the Data Security and Protection Toolkit which incorporates the Cyber Essentials Framework",
                        ),
                    },
                    Statement {
                        id: B("org.3.2"),
                        text: B("fully use national cyber services provided by NHS Digital"),
                    },
                    Statement {
                        id: B("org.3.3"),
                        text: B(
                            "have a secure and well-tested back-up, a plan to get off and stay off unsupported systems, and a rapid turn-around of High Severity Alerts",
                        ),
                    },
                    Statement {
                        id: B("org.3.4"),
                        text: B(
                            "establish a process for managing cyber risk with a cyber improvement strategy, investment and progress regularly reviewed at board level",
                        ),
                    },
                    Statement {
                        id: B("org.3.5"),
                        text: B(
                            "have an adequately resourced cyber security function, including a senior information risk owner and data protection officer (DPO)",
                        ),
                    },
                    Statement {
                        id: B("org.3.6"),
                        text: B(
                            "have an adequately resourced clinical safety function, including a named CSO, to oversee digital and data development and deployment across all care services",
                        ),
                    },
                    Statement {
                        id: B("org.3.7"),
                        text: B(
                            "establish a clear process for reviewing and responding to relevant safety recommendations and alerts, including those from NHS Digital (cyber), NHS England and NHS Improvement, the Medicines and Healthcare Products Regulatory Agency (MHRA) and the Healthcare Service Investigation Branch (HSIB)",
                        ),
                    },
                    Statement {
                        id: B("org.3.8"),
                        text: B(
                            "ensure clinical systems and tools meet clinical safety standards as set out by the Digital Technology and Assessment Criteria (DTAC) and DCB0129 and DCB0160",
                        ),
                    },
                    Statement {
                        id: B("org.3.9"),
                        text: B(
                            "ensure you are compliant with NHS national contract provisions related to technology-enabled delivery (for example, clinical correspondence and electronic discharge summaries)",
                        ),
                    },
                ]),
            },
        },
        SuccessMeasure {
            number: 4,
            slug: B("support-people"),
            title: B("Support people"),
            ics: MeasureVariant {
                summary: B(
                    "Your workforce is digitally literate and are able to work optimally with data and technology. Digital and data tools and systems are fit for purpose and support staff to do their jobs well.",
                ),
                statements: B(&[
                    Statement {
                        id: B("ics.4.1"),
                        text: B(
                            "create and encourage a digital first approach across the ICS and share innovative improvement ideas from frontline health and care staff",
                        ),
                    },
                    Statement {
                        id: B("ics.4.2"),
                        text: B(
                            "promote the use of systems and tools to enable frictionless movement of staff across the ICS - allowing staff from different organisations to work flexibly and remotely where appropriate",
                        ),
                    },
                    Statement {
                        id: B("ics.4.3"),
                        text: B(
                            "ensure that front-line staff across your ICS have the information they need to do their job safely and efficiently at the point of care, including an ICS shared care record",
                        ),
                    },
                    Statement {
                        id: B("ics.4.4"),
                        text: B(
                            "create ICS-wide professional development, front-line skills development, peer support mechanisms and training opportunities",
                        ),
                    },
                    Statement {
                        id: B("ics.4.5"),
                        text: B(
                            "pool resources to provide resilient digital support services across your ICS",
                        ),
                    },
                ]),
            },
            organisation: MeasureVariant {
                summary: B(
                    "Your workforce is digitally literate and are able to work optimally with data and technology. Digital and data tools and systems are fit for purpose and support staff to do their jobs well.",
                ),
                statements: B(&[
                    Statement {
                        id: B("org.4.1"),
                        text: B(
                            "create and encourage a digital first approach and share innovative improvement ideas from frontline health and care staff",
                        ),
                    },
                    Statement {
                        id: B("org.4.2"),
                        text: B(
                            "support all staff to attain a basic level of data, digital and cyber security literacy, followed by continuing professional development",
                        ),
                    },
                    Statement {
                        id: B("org.4.3"),
                        text: B("ensure that the systems that your staff use are intuitive and easy to use"),
                    },
                    Statement {
                        id: B("org.4.4"),
                        text: B(
                            "support your staff to work flexibly, remotely, and across multiple wards or sites",
                        ),
                    },
                    Statement {
                        id: B("org.4.5"),
                        text: B(
                            "provide front-line staff with the information they need to do their job safely and efficiently at the point of care, for example ICS shared care record",
                        ),
                    },
                    Statement {
                        id: B("org.4.6"),
                        text: B(
                            "provide access to digital support services 24 hours per day, resulting in high first-time fixes",
                        ),
                    },
                ]),
            },
        },
        SuccessMeasure {
            number: 5,
            slug: B("empower-citizens"),
            title: B("Empower citizens"),
            ics: MeasureVariant {
                summary: B(
                    "Citizens are at the centre of service design and have access to a standard set of digital services that suit all literacy and digital inclusion needs. Citizens can access and contribute to their healthcare information, taking an active role in their health and well-being.",
                ),
                statements: B(&[
                    Statement {
                        id: B("ics.5.1"),
                        text: B(
                            "develop a single, coherent ICS-wide strategy for citizen engagement and citizen-facing digital services that is led by and has been co-designed with citizens",
                        ),
                    },
                    Statement {
                        id: B("ics.5.2"),
                        text: B(
                            "make consistent, ICS-wide use of national tools and services (NHS.uk, NHS login and the NHS App), supplemented by complementary local digital services that provide a consistent and coherent user experience",
                        ),
                    },
                    Statement {
                        id: B("ics.5.3"),
                        text: B("ensure and monitor a consistent citizen offer by ICS organisations"),
                    },
                    Statement {
                        id: B("ics.5.4"),
                        text: B(
                            "ensure a system-wide approach to the use of digital communication tools to enable self-service pathways such as self triage, referral, condition management, advice and guidance",
                        ),
                    },
                    Statement {
                        id: B("ics.5.5"),
                        text: B(
                            "ensure a system-wide approach for people to access and contribute to their health and care data",
                        ),
                    },
                    Statement {
                        id: B("ics.5.6"),
                        text: B(
                            "take an ICS-wide approach to access to care plans, test results, medications, history, correspondence, appointment management, screening alerts and tools",
                        ),
                    },
                    Statement {
                        id: B("ics.5.7"),
                        text: B(
                            "have a clear ICS digital inclusion strategy, incorporating initiatives to ensure digitally disempowered communities are better able to access and take advantage of digital opportunities",
                        ),
                    },
                ]),
            },
            organisation: MeasureVariant {
                summary: B(
                    "Citizens are at the centre of service design and have access to a standard set of digital services that suit all literacy and digital inclusion needs. Citizens can access and contribute to their healthcare information, taking an active role in their health and wellbeing.",
                ),
                statements: B(&[
                    Statement {
                        id: B("org.5.1"),
                        text: B(
                            "develop a single, coherent strategy, in conjunction with your ICS, for citizen engagement and citizen-facing digital services that is led by and has been co-designed with citizens",
                        ),
                    },
                    Statement {
                        id: B("org.5.2"),
                        text: B(
                            "make use of national tools and services (the NHS website, NHS login and the NHS App), supplemented by complementary local digital services that provide a consistent and coherent user experience",
                        ),
                    },
                    Statement {
                        id: B("org.5.3"),
                        text: B(
                            "use digital communication tools to enable self-service pathways such as self triage, referral, condition management, advice and guidance",
                        ),
                    },
                    Statement {
                        id: B("org.5.4"),
                        text: B("ensure that people can access and contribute to their health and care data"),
                    },
                    Statement {
                        id: B("org.5.5"),
                        text: B(
                            "ensure that citizens have access to care plans, test results, medications, history, correspondence, appointment management, screening alerts and tools",
                        ),
                    },
                    Statement {
                        id: B("org.5.6"),
                        text: B(
                            "have a clear digital inclusion strategy, incorporating initiatives to ensure digitally disempowered communities are better able to access and take advantage of digital opportunities",
                        ),
                    },
                ]),
            },
        },
        SuccessMeasure {
            number: 6,
            slug: B("improve-care"),
            title: B("Improve care"),
            ics: MeasureVariant {
                summary: B(
                    "Your ICS embeds digital and data within their improvement capability to transform care pathways, reduce unwarranted variation and improve health and wellbeing. Digital solutions enhance services for patients and ensure that they get the right care when they need it and in the right place across the whole ICS.",
                ),
                statements: B(&[
                    Statement {
                        id: B("ics.6.1"),
                        text: B(
                            "have an ICS-wide approach to the use of data and digital solutions to redesign care pathways across organisational boundaries to give patients the right care in the most appropriate setting",
                        ),
                    },
                    Statement {
                        id: B("ics.6.2"),
                        text: B(
                            "ensure that organisations across your ICS make use of digital tools and technologies that support safer care, such as EPMA and bar coding",
                        ),
                    },
                    Statement {
                        id: B("ics.6.3"),
                        text: B(
                            "ensure that organisations across your ICS employ decision support and other tools to help clinicians follow best practice and eliminate quality variation across the entire care pathway",
                        ),
                    },
                    Statement {
                        id: B("ics.6.4"),
                        text: B(
                            "ensure that organisations across your ICS provide a consistent and cost-effective approach to remote consultations, monitoring and care services",
                        ),
                    },
                    Statement {
                        id: B("ics.6.5"),
                        text: B(
                            "lead a system-wide approach to collaborative and multidisciplinary care planning using an array of digital tools and services alongside PRSB standards",
                        ),
                    },
                ]),
            },
            organisation: MeasureVariant {
                summary: B(
                    "Health and care practitioners embed digital and data within their improvement capability to transform care pathways, reduce unwarranted variation and improve health and wellbeing. Digital solutions enhance services for patients and ensure that they get the right care when they need it and in the right place.",
                ),
                statements: B(&[
                    Statement {
                        id: B("org.6.1"),
                        text: B(
                            "use data and digital solutions to redesign care pathways across organisational boundaries to give patients the right care in the most appropriate setting",
                        ),
                    },
                    Statement {
                        id: B("org.6.2"),
                        text: B(
                            "promote the use of digital tools and technologies that support safer care, such as EPMA and bar coding",
                        ),
                    },
                    Statement {
                        id: B("org.6.3"),
                        text: B(
                            "provide decision support and other tools to help clinicians follow best practice and eliminate unwarranted variation across the entire care pathway",
                        ),
                    },
                    Statement {
                        id: B("org.6.4"),
                        text: B(
                            "provide remote consultations, monitoring and care services, promoting patient choice and sustainability",
                        ),
                    },
                    Statement {
                        id: B("org.6.5"),
                        text: B(
                            "enhance your collaborative and multidisciplinary care planning using an array of digital tools and services alongside PRSB standards",
                        ),
                    },
                ]),
            },
        },
        SuccessMeasure {
            number: 7,
            slug: B("healthy-populations"),
            title: B("Healthy populations"),
            ics: MeasureVariant {
                summary: B(
                    "Your ICS uses data to design and deliver improvements to population health and wellbeing, making best use of collective resources. Insights from data are used to improve outcomes and address health inequalities.",
                ),
                statements: B(&[
                    Statement {
                        id: B("ics.7.1"),
                        text: B(
                            "lead the delivery and development of an ICS-wide intelligence platform with a fully linked, longitudinal data-set (including primary, secondary, mental health, social care and community data) to enable population segmentation, risk stratification and population health management",
                        ),
                    },
                    Statement {
                        id: B("ics.7.2"),
                        text: B(
                            "use data and analytics to redesign care pathways and promote wellbeing, prevention and independence (for example, identifying patients for whom remote monitoring is appropriate)",
                        ),
                    },
                    Statement {
                        id: B("ics.7.3"),
                        text: B(
                            "create integrated care models for at risk population groups, using data and analytics to optimise the use of local resources and ensure seamless coordination across care settings",
                        ),
                    },
                    Statement {
                        id: B("ics.7.4"),
                        text: B(
                            "ensure that local ICS and place-based decision making forums, including PCN multi-disciplinary teams, have access to timely population health insight and analytical support",
                        ),
                    },
                    Statement {
                        id: B("ics.7.5"),
                        text: B(
                            "make data available to support clinical trials, real-world evidencing and AI tool development",
                        ),
                    },
                    Statement {
                        id: B("ics.7.6"),
                        text: B(
                            "drive ICS digital and data innovation through collaborations with academia, industry and other partners",
                        ),
                    },
                ]),
            },
            organisation: MeasureVariant {
                summary: B(
                    "Organisations use data to inform their own care planning and support the development and adoption of innovative ICS-led, population-based, digitally-driven models of care.",
                ),
                statements: B(&[
                    Statement {
                        id: B("org.7.1"),
                        text: B("use data to inform care planning and decision making in your organisation"),
                    },
                    Statement {
                        id: B("org.7.2"),
                        text: B(
                            "contribute data and resources to the ICS-wide population health management platform and use this intelligence to inform local care planning",
                        ),
                    },
                    Statement {
                        id: B("org.7.3"),
                        text: B(
                            "support the implementation of new ICS-led pathways and personalised care models that use digital platforms to coordinate care seamlessly across settings",
                        ),
                    },
                    Statement {
                        id: B("org.7.4"),
                        text: B(
                            "make data from your organisation available to support clinical trials, real-world evidencing and the development of AI tools",
                        ),
                    },
                    Statement {
                        id: B("org.7.5"),
                        text: B(
                            "drive digital and data innovation through collaborations with academia, industry and other partners",
                        ),
                    },
                ]),
            },
        },
    ]),
};
