package dev.parley.floor;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A list, an item and a create: the floor's equivalents of Parley's pages, resources and writes. */
@Path("/items")
public class ItemResource {

    private final EntityManager em;

    ItemResource(EntityManager em) {
        this.em = em;
    }

    @GET
    public List<Item> list() {
        return em.createQuery("from Item order by slug", Item.class).setMaxResults(50).getResultList();
    }

    @GET
    @Path("/{slug}")
    public Item get(@PathParam("slug") String slug) {
        Item item = em.find(Item.class, slug);
        if (item == null) {
            throw new NotFoundException();
        }
        return item;
    }

    @POST
    @Transactional
    public Item create(Item item) {
        em.persist(item);
        return item;
    }
}
