"""The starting taxonomy of categories and skills; operators extend it in the admin."""

from django.db import migrations
from django.utils.text import slugify

TAXONOMY = {
    ("Design", "Logos, brands, websites, apps and print"): [
        "Logo Design", "Brand Identity", "UI Design", "UX Research", "Web Design", "Illustration",
        "Print Design", "Packaging Design", "Figma", "Adobe Illustrator", "Adobe Photoshop", "Presentation Design",
    ],
    ("Writing & Translation", "Copy, content, editing and languages"): [
        "Copywriting", "Blog Writing", "Technical Writing", "Proofreading", "Editing", "Ghostwriting",
        "French Translation", "German Translation", "Spanish Translation", "Grant Writing", "CV Writing",
    ],
    ("Web & Software", "Websites, apps, data and infrastructure"): [
        "Python", "Django", "JavaScript", "TypeScript", "React", "Vue.js", "Node.js", "PHP", "WordPress",
        "Shopify", "PostgreSQL", "iOS Development", "Android Development", "DevOps", "Data Analysis",
        "Machine Learning", "Web Scraping", "API Integration",
    ],
    ("Marketing", "Search, social, e-mail and advertising"): [
        "SEO", "Google Ads", "Facebook Ads", "Social Media Management", "Email Marketing", "Content Strategy",
        "Marketing Strategy", "Google Analytics", "Conversion Rate Optimisation", "Market Research",
    ],
    ("Video & Audio", "Editing, animation, voice and music"): [
        "Video Editing", "Motion Graphics", "2D Animation", "3D Animation", "Voice Over", "Podcast Editing",
        "Music Production", "Audio Mixing", "Subtitling", "Videography",
    ],
    ("Business & Admin", "Finance, operations and support"): [
        "Bookkeeping", "Accounting", "Virtual Assistance", "Data Entry", "Project Management",
        "Business Planning", "Financial Modelling", "Customer Support", "Xero", "Excel",
    ],
    ("Photography", "Product, portrait, events and editing"): [
        "Product Photography", "Portrait Photography", "Event Photography", "Photo Retouching", "Drone Photography",
    ],
    ("Legal", "Contracts, compliance and intellectual property"): [
        "Contract Drafting", "GDPR Compliance", "Trademark Registration", "Employment Law",
    ],
}


def seed(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    Skill = apps.get_model("catalog", "Skill")
    for position, ((name, description), skills) in enumerate(TAXONOMY.items()):
        category, _ = Category.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description, "position": position}
        )
        for skill in skills:
            Skill.objects.get_or_create(slug=slugify(skill), defaults={"name": skill, "category": category})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
