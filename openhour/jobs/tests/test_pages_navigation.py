"""Ways in: the main navigation and the home page lead to finding work and posting a project."""

FIND_WORK = '<a href="/projects">Find work</a>'
POST_LINK = '<a href="/projects/new">Post a project</a>'
POST_BUTTON = '<a href="/projects/new" role="button" class="outline">Post a project</a>'
BROWSE_WORK = '<a href="/projects">Browse open projects</a>'


def nav(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def hero(html: str) -> str:
    return html[html.index('<section class="hero">') : html.index("</section>")]


def test_visitors_find_work_in_the_menu_and_a_call_to_post_on_the_home_page(client, db):
    html = client.get("/").content.decode()

    assert FIND_WORK in nav(html)
    assert POST_LINK not in nav(html)
    assert POST_BUTTON in hero(html)
    assert BROWSE_WORK in hero(html)  # a visitor may be either


def test_clients_get_a_post_link_in_the_menu(client_for, clara):
    html = client_for(clara).get("/").content.decode()

    assert FIND_WORK in nav(html)
    assert POST_LINK in nav(html)
    assert POST_BUTTON in hero(html)
    assert BROWSE_WORK not in hero(html)


def test_freelancers_are_pointed_at_work_not_at_posting(client_for, fred):
    html = client_for(fred).get("/").content.decode()

    assert FIND_WORK in nav(html)
    assert POST_LINK not in nav(html)
    assert POST_BUTTON not in html
    assert BROWSE_WORK in hero(html)


def test_every_page_footer_links_to_work(client, db):
    html = client.get("/freelancers").content.decode()

    assert FIND_WORK in html[html.index('<footer class="container site-footer">') :]
